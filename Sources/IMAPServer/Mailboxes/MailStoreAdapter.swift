import MailStore

/// Every call the IMAP session makes to a user's mail store, in one place, so a change in the
/// storage API is made here and nowhere else.
///
/// Names use `/` as the hierarchy separator and `INBOX` in upper case, as the index does.
struct MailStoreAdapter: Sendable {
    private let store: UserMailStore

    /// The adapter for `store`, whose INBOX is created if the user has none yet (RFC 9051
    /// §5.1: INBOX always exists), also when other sessions create it at the same moment.
    static func open(_ store: UserMailStore) async throws -> MailStoreAdapter {
        _ = try await store.mailbox(named: "INBOX")
        return MailStoreAdapter(store: store)
    }

    /// Every mailbox, sorted by name.
    func mailboxes() async throws -> [ListedMailbox] {
        try await store.mailboxes().map {
            ListedMailbox(name: $0.name, specialUse: $0.specialUse, subscribed: $0.subscribed)
        }
    }

    func exists(_ name: String) async throws -> Bool {
        try await store.index.mailbox(named: name) != nil
    }

    func create(_ name: String, specialUse: Set<String>) async throws {
        try await store.createMailbox(named: name, specialUse: specialUse)
    }

    func delete(_ name: String) async throws {
        try await store.deleteMailbox(named: name)
    }

    func rename(_ name: String, to newName: String) async throws {
        try await store.renameMailbox(from: name, to: newName)
    }

    func setSubscribed(_ subscribed: Bool, _ name: String) async throws {
        try await store.setSubscribed(subscribed, mailbox: name)
    }

    func status(_ name: String) async throws -> MailboxStatus {
        try await store.status(of: name)
    }

    /// Stores one message; returns the mailbox's UIDVALIDITY and the message's UID.
    /// - Parameter internalDate: seconds since 1970; now when nil.
    func append(_ message: [UInt8], to name: String, flags: FlagSet, internalDate: Int64?) async throws -> (uidValidity: UInt32, uid: UInt32) {
        let result = try await store.append([MessageToAppend(bytes: message, flags: flags, internalDate: internalDate)], to: name)
        return (result.uidValidity, result.uids[0])
    }
}

/// A mailbox as LIST sees it.
struct ListedMailbox: Hashable, Sendable {
    var name: String
    var specialUse: Set<String>
    var subscribed: Bool
}
