/// An exclusive in-process lock on a path, from ``FileSystem/tryLock(_:)``.
///
/// Released by ``unlock()`` or, at the latest, when the lock is deinitialized.
public final class FSLock: Sendable {
    /// The locked path.
    public let path: FSPath
    private let table: FSLockTable
    private let key: String

    init(path: FSPath, key: String, table: FSLockTable) {
        self.path = path
        self.key = key
        self.table = table
    }

    /// Releases the lock; calling it again does nothing.
    public func unlock() {
        table.release(key, owner: ObjectIdentifier(self))
    }

    deinit {
        table.release(key, owner: ObjectIdentifier(self))
    }
}
