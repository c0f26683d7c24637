import Foundation
import Logging
import Synchronization

/// A Dovecot passwd-file used as passdb and userdb. Existing Dovecot files work unchanged.
///
/// The file is re-read when its modification time, size or inode changes (checked with one
/// `stat` per lookup, on NIO's thread pool). Malformed lines are logged with file and line
/// number and skipped, as Dovecot does.
public final class PasswdFileDatabase: PassDB, UserDB {
    private struct Snapshot: Sendable {
        var identity: FileIdentity?
        var byName: [String: PasswdFileEntry]
        var ordered: [PasswdFileEntry]
    }

    private struct FileIdentity: Sendable, Equatable {
        var modified: Date?
        var size: Int?
        var inode: Int?
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
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return FileIdentity(
            modified: attributes[.modificationDate] as? Date,
            size: (attributes[.size] as? NSNumber)?.intValue,
            inode: (attributes[.systemFileNumber] as? NSNumber)?.intValue
        )
    }
}
