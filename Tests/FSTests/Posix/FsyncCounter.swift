import FS
import Synchronization

/// Counts the fsync calls a ``PosixFileSystem`` makes, passing them on to the system.
final class FsyncCounter: Sendable {
    private let calls = Mutex(0)

    var count: Int { calls.withLock { $0 } }

    var syscalls: PosixSyscalls {
        PosixSyscalls(fsync: { descriptor in
            self.calls.withLock { $0 += 1 }
            return PosixSyscalls.system.fsync(descriptor)
        })
    }

    /// The number of calls made by `body`.
    func calls(during body: () async throws -> Void) async rethrows -> Int {
        let before = count
        try await body()
        return count - before
    }
}
