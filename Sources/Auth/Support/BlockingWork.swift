import NIOPosix

/// Runs blocking work (crypt, argon2, PBKDF2, file reads) on NIO's shared thread pool,
/// never on the caller's executor or an event loop.
enum BlockingWork {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }
}
