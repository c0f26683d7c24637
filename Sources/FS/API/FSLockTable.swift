import Synchronization

/// The set of locked paths behind ``FileSystem/tryLock(_:)``, shared by the backends.
final class FSLockTable: Sendable {
    /// Lock owners by key.
    private let holders = Mutex<[String: ObjectIdentifier]>([:])

    /// The table posix file systems share, keyed by absolute path, so two instances on the same
    /// directory exclude each other.
    static let process = FSLockTable()

    /// Locks `key` for a new ``FSLock`` on `path`, or returns `nil` when `key` is held.
    func tryLock(_ key: String, path: FSPath) -> FSLock? {
        let lock = FSLock(path: path, key: key, table: self)
        let taken = holders.withLock { holders in
            guard holders[key] == nil else { return false }
            holders[key] = ObjectIdentifier(lock)
            return true
        }
        return taken ? lock : nil
    }

    /// Releases `key` if `owner` holds it.
    func release(_ key: String, owner: ObjectIdentifier) {
        holders.withLock { holders in
            if holders[key] == owner { holders[key] = nil }
        }
    }
}
