import Foundation
import Logging
import Synchronization

/// A Dovecot passwd-file used as passdb and userdb. Existing Dovecot files work unchanged.
///
/// The file is re-read when its inode, size, modification or change time differs (checked with
/// one `stat` per lookup, on NIO's thread pool). Malformed lines are logged with file and line
/// number and skipped, as Dovecot does.
public final class PasswdFileDatabase: PassDB, UserDB {
    private struct Snapshot: Sendable {
        var identity: FileIdentity?
        var byName: [String: PasswdFileEntry]
        var ordered: [PasswdFileEntry]
    }

    /// What `stat` says about the file; any change means a re-read.
    private struct FileIdentity: Sendable, Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
        var changedSeconds: Int
        var changedNanoseconds: Int
    }

    /// The file.
    public let path: String
    /// The scheme of a password without `{SCHEME}` prefix (Dovecot: `CRYPT`).
    public let defaultScheme: PasswordFormat
    private let logger: Logger
    private let snapshot = Mutex<Snapshot?>(nil)

    /// Opens a passwd-file; it is read on first use.
    /// - Parameters:
    ///   - path: the file.
    ///   - defaultScheme: the scheme of unprefixed passwords.
    ///   - logger: receives malformed-line warnings (never passwords).
    public init(path: String, defaultScheme: PasswordFormat = .init(.crypt), logger: Logger) {
        self.path = path
        self.defaultScheme = defaultScheme
        self.logger = logger
    }

    public func lookupPassword(_ request: LookupRequest) async throws -> PassDBEntry? {
        try await current().byName[request.username]?.passDBEntry(defaultScheme: defaultScheme)
    }

    public func lookupUser(_ request: LookupRequest) async throws -> UserRecord? {
        guard let entry = try await current().byName[request.username] else { return nil }
        do {
            return try entry.userRecord()
        } catch {
            throw PasswdFileError(path: path, problem: "user \(request.username): \(error)")
        }
    }

    public func listUsers() async throws -> [String] {
        try await current().ordered.map(\.username)
    }

    private func current() async throws -> Snapshot {
        try await BlockingWork.run { try self.reloadIfChanged() }
    }

    private func reloadIfChanged() throws -> Snapshot {
        let identity = Self.identity(of: path)
        if let cached = snapshot.withLock({ $0 }), cached.identity == identity {
            return cached
        }
        let contents = try PasswdFileContents.read(path: path)
        for problem in contents.problems {
            logger.warning("passwd-file line skipped", metadata: ["error": "\(problem)"])
        }
        var byName: [String: PasswdFileEntry] = [:]
        var ordered: [PasswdFileEntry] = []
        for entry in contents.orderedEntries where byName[entry.username] == nil {
            byName[entry.username] = entry
            ordered.append(entry)
        }
        let fresh = Snapshot(identity: identity, byName: byName, ordered: ordered)
        snapshot.withLock { $0 = fresh }
        logger.debug("passwd-file loaded", metadata: ["path": "\(path)", "users": "\(byName.count)"])
        return fresh
    }

    private static func identity(of path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(
            device: UInt64(info.st_dev),
            inode: UInt64(info.st_ino),
            size: Int64(info.st_size),
            modifiedSeconds: Int(info.st_mtim.tv_sec),
            modifiedNanoseconds: Int(info.st_mtim.tv_nsec),
            changedSeconds: Int(info.st_ctim.tv_sec),
            changedNanoseconds: Int(info.st_ctim.tv_nsec)
        )
    }
}
