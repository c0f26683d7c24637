#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Serialises the saves of one user, between tasks of this process and between processes (the
/// server and a `columba save` run beside it), so that UIDs are handed out and become visible in
/// strictly ascending order.
///
/// A save holds the lock from reading UIDNEXT until the index lists its messages: the body files
/// are written under UIDs that no other writer can take meanwhile. Inside the process waiters
/// queue in order; across processes the lock is a `flock(2)` on a file in the user's home, polled
/// without blocking a thread, and released by the kernel if the holder dies.
actor SaveLock {
    private let path: String
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// The lock file, opened at the first save and kept open (one `open` per store, not per save).
    private var descriptor: CInt = -1

    /// - Parameter path: the lock file, created when missing.
    init(path: String) {
        self.path = path
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Runs `body` holding the lock.
    func withLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquireInProcess()
        defer { releaseInProcess() }
        let descriptor = try await lockFile()
        defer { flock(descriptor, LOCK_UN) }
        return try await body()
    }

    private func acquireInProcess() async {
        if !held {
            held = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func releaseInProcess() {
        if waiters.isEmpty {
            held = false
        } else {
            waiters.removeFirst().resume()
        }
    }

    /// Takes an exclusive `flock` on the lock file, retrying while another process holds it.
    /// `flock(LOCK_UN)` releases it, and the kernel does when the process dies.
    private func lockFile() async throws -> CInt {
        if descriptor < 0 {
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw SaveLockError(path: path, errno: errno) }
        }
        var delay: UInt64 = 1_000_000
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let error = errno
            guard error == EWOULDBLOCK || error == EINTR else { throw SaveLockError(path: path, errno: error) }
            try await Task.sleep(nanoseconds: delay)
            delay = min(delay * 2, 20_000_000)
        }
        return descriptor
    }
}

/// The save lock file could not be opened or locked.
struct SaveLockError: Error, CustomStringConvertible {
    var path: String
    var errno: CInt
    var description: String { "cannot lock \(path): \(String(cString: strerror(errno)))" }
}
