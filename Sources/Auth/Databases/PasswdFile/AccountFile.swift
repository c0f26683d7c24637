import Foundation

/// The built-in account file: a Dovecot passwd-file that Columba's CLI edits.
///
/// Every change rewrites the file atomically (temporary file in the same directory, `fsync`,
/// `rename`, mode 0600) and keeps comments, blank lines and lines it does not understand
/// exactly as they were. Writers take an exclusive `flock` on `<path>.lock`, so concurrent
/// CLI invocations do not lose each other's changes. All functions block: call them from the
/// CLI or off event loops.
/// A running server sees changes through ``PasswdFileDatabase``'s reload.
public struct AccountFile: Sendable {
    /// The file.
    public let path: String

    /// Names an account file; it need not exist yet.
    public init(path: String) {
        self.path = path
    }

    /// Every account in file order.
    /// - Throws: ``PasswdFileError`` when the file cannot be read.
    public func list() throws -> [PasswdFileEntry] {
        try PasswdFileContents.read(path: path).orderedEntries
    }

    /// The account of a user, if any.
    public func entry(for username: String) throws -> PasswdFileEntry? {
        let contents = try PasswdFileContents.read(path: path)
        return contents.index(of: username).flatMap { contents.entries[$0] }
    }

    /// Appends an account.
    /// - Parameter entry: the account; its password should already be hashed
    ///   (see ``PasswordHasher/hash(password:format:rounds:)``).
    /// - Throws: ``PasswdFileError`` when the user exists or the file cannot be written.
    public func add(_ entry: PasswdFileEntry) throws {
        try validate(entry)
        try withLock { try addLocked(entry) }
    }

    private func addLocked(_ entry: PasswdFileEntry) throws {
        var contents = try PasswdFileContents.read(path: path)
        guard contents.index(of: entry.username) == nil else {
            throw PasswdFileError(path: path, problem: "user \(entry.username) already exists")
        }
        contents.lines.append(entry.line)
        try commit(contents)
    }

    /// Removes an account.
    /// - Returns: whether the user existed.
    @discardableResult
    public func remove(username: String) throws -> Bool {
        try withLock { try removeLocked(username: username) }
    }

    private func removeLocked(username: String) throws -> Bool {
        var contents = try PasswdFileContents.read(path: path)
        guard let index = contents.index(of: username) else { return false }
        contents.lines.remove(at: index)
        try commit(contents)
        return true
    }

    /// Replaces a user's stored password.
    /// - Parameters:
    ///   - username: the user.
    ///   - storedPassword: the new hash with its `{SCHEME}` prefix.
    /// - Throws: ``PasswdFileError`` when the user does not exist or the file cannot be written.
    public func setPassword(username: String, storedPassword: String) throws {
        try update(username: username) { $0.password = storedPassword }
    }

    /// Changes an account in place.
    /// - Parameters:
    ///   - username: the user.
    ///   - change: edits the entry (its username must stay valid).
    public func update(username: String, _ change: (inout PasswdFileEntry) -> Void) throws {
        try withLock { try updateLocked(username: username, change) }
    }

    private func updateLocked(username: String, _ change: (inout PasswdFileEntry) -> Void) throws {
        var contents = try PasswdFileContents.read(path: path)
        guard let index = contents.index(of: username), var entry = contents.entries[index] else {
            throw PasswdFileError(path: path, problem: "user \(username) does not exist")
        }
        change(&entry)
        try validate(entry)
        contents.lines[index] = entry.line
        try commit(contents)
    }

    /// Serialises writers (two `columba user add` at once) with `flock` on `<path>.lock`.
    private func withLock<T>(_ body: () throws -> T) throws -> T {
        let lockPath = path + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("cannot open \(lockPath)") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw failure("cannot lock \(lockPath)") }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    private func validate(_ entry: PasswdFileEntry) throws {
        let fields = [entry.username, entry.password, entry.uid, entry.gid, entry.gecos, entry.home, entry.shell]
        guard !entry.username.isEmpty,
            fields.allSatisfy({ !$0.contains(":") && !$0.contains("\n") }),
            !entry.username.hasPrefix("#"),
            entry.extraFields.allSatisfy({
                !$0.key.contains(" ") && !($0.value ?? "").contains(" ") && !($0.value ?? "").contains("\n")
            })
        else {
            throw PasswdFileError(path: path, problem: "account \(entry.username) has a field that cannot be written")
        }
    }

    private func commit(_ contents: PasswdFileContents) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let dirPath = directory.isEmpty ? "." : directory
        let temporary = "\(dirPath)/.\((path as NSString).lastPathComponent).\(UInt64.random(in: 0 ... .max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("cannot create \(temporary)") }
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        let bytes = Array(contents.text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else {
                close(fd)
                throw failure("cannot write \(temporary)")
            }
            written += n
        }
        guard fsync(fd) == 0 else {
            close(fd)
            throw failure("cannot fsync \(temporary)")
        }
        close(fd)
        guard rename(temporary, path) == 0 else { throw failure("cannot rename \(temporary) to \(path)") }
        ok = true
        let dirFD = open(dirPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            fsync(dirFD)
            close(dirFD)
        }
    }

    private func failure(_ what: String) -> PasswdFileError {
        PasswdFileError(path: path, problem: "\(what): \(String(cString: strerror(errno)))")
    }
}
