import Auth
import FS
import MailStore
import ServerKit

/// Where a user's mail lives: the userdb's `home`, else `<mail.root>/<domain>/<localpart>`.
public enum MailHome {
    public static func path(for record: UserRecord, configuration: ColumbaConfiguration) -> String {
        if let home = record.home, !home.isEmpty { return home }
        let name = record.username
        let at = name.lastIndex(of: "@")
        let local = at.map { String(name[..<$0]) } ?? name
        let domain = at.map { String(name[name.index(after: $0)...]) } ?? "_"
        return "\(configuration.mailRoot)/\(domain)/\(local)"
    }

    /// Opens the mail store of `user`, looked up in the configured userdb.
    /// - Throws: ``MailHomeError`` when the user does not exist.
    public static func open(user: String, configuration: ColumbaConfiguration, authenticator: Authenticator) async throws -> UserMailStore {
        guard let record = try await authenticator.lookupUser(user, service: "doveadm") else {
            throw MailHomeError(user: user)
        }
        let store = try await UserMailStore.open(home: path(for: record, configuration: configuration),
                                                 options: storageOptions(configuration))
        store.quota = quota(of: record)
        return store
    }

    /// How stores are opened: `mail.format` for new homes, `mail.mdbox_rotate_size`, `mail.fsync`.
    public static func storageOptions(_ configuration: ColumbaConfiguration) -> MailStorageOptions {
        let format: MailStorageFormat = switch configuration.mailFormat {
        case .sdbox: .sdbox
        case .mdbox: .mdbox
        }
        return MailStorageOptions(format: format, mdboxRotateSize: configuration.mdboxRotateSize,
                                  fsync: fsyncPolicy(configuration.mailFsync))
    }

    /// The storage's fsync policy for the configured `mail.fsync`.
    public static func fsyncPolicy(_ mode: MailFsyncMode) -> FsyncPolicy {
        switch mode {
        case .always: .always
        case .optimized: .optimized
        case .never: .never
        }
    }

    /// The quota the userdb gives a user.
    public static func quota(of record: UserRecord) -> QuotaLimits {
        QuotaLimits(storageBytes: record.quotaStorageBytes, messages: record.quotaMessageCount)
    }

    /// What protocol sessions are given to reach a logged-in user's mail: the store for a
    /// userdb record, shared with the user's other sessions in this process.
    public static func opener(configuration: ColumbaConfiguration, stores: OpenMailStores) -> @Sendable (UserRecord) async throws -> UserMailStore {
        { record in
            let store = try await stores.store(home: path(for: record, configuration: configuration))
            store.quota = quota(of: record)
            return store
        }
    }
}

/// A mail command named a user the userdb does not know.
public struct MailHomeError: Error, CustomStringConvertible {
    public var user: String
    public var description: String { "user \(user) doesn't exist" }
}
