import NIOCore

extension PosixFileSystem {
    /// Runs `body` on the file system's thread pool with blocking access to its files.
    ///
    /// Work that needs several file operations and other blocking calls in a row (a save that
    /// writes a message file and then commits an index on disk) passes between threads once
    /// this way, instead of once per step: on a busy machine every pass costs a wake-up.
    /// `body` runs on a pool thread and may block it; it must not wait for the pool itself.
    public func withBlockingFiles<Result: Sendable>(
        _ body: @escaping @Sendable (PosixBlockingFiles) throws -> Result
    ) async throws -> Result {
        try await run { tree in try body(PosixBlockingFiles(tree: tree)) }
    }
}

/// The blocking file operations of a ``PosixFileSystem``, handed to the body of
/// ``PosixFileSystem/withBlockingFiles(_:)`` and meant for that body only. Each is as durable as the
/// asynchronous operations are.
public struct PosixBlockingFiles: Sendable {
    let tree: PosixTree

    /// Writes a whole file and commits it, as a writer from
    /// ``PosixFileSystem/createWriter(_:mode:metadata:)`` given all of `bytes` would.
    public func write(_ bytes: ByteBuffer, to path: FSPath, mode: FSCreateMode, metadata: FSMetadata = FSMetadata()) throws {
        try PosixWriter.commit(bytes, to: nil, of: path, mode: mode, metadata: metadata, in: tree)
    }

    /// Gives a file of another posix file system (by its ``PosixFileSystem/absolutePath(of:)``)
    /// a second name here, a hard link replacing `destination`, writing no bytes: single-dbox
    /// delivery shares one message file between users this way. The link is durable per the
    /// fsync policy (the file itself already is).
    /// - Returns: false when the two cannot share the file (another device, links refused or
    ///   off, the file gone); nothing was changed then.
    public func link(external: String, to destination: FSPath) throws -> Bool {
        try tree.linkExternal(external, to: destination)
    }
}
