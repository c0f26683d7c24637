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
        if try await store.index.mailbox(named: "INBOX") == nil {
            do {
                try await store.index.createMailbox(named: "INBOX")
            } catch let error as MailIndexError where error.kind == .mailboxExists {
                // Another session made it.
            }
        }
        return MailStoreAdapter(store: store)
    }

    /// Every mailbox, sorted by name.
    func mailboxes() async throws -> [ListedMailbox] {
        try await store.index.mailboxes().map {
            ListedMailbox(name: $0.name, specialUse: $0.specialUse, subscribed: $0.subscribed)
        }
    }

    func exists(_ name: String) async throws -> Bool {
        try await store.index.mailbox(named: name) != nil
    }

    func create(_ name: String, specialUse: Set<String>) async throws {
        try await store.index.createMailbox(named: name, specialUse: specialUse)
    }

    func delete(_ name: String) async throws {
        try await store.index.deleteMailbox(named: name)
    }

    func rename(_ name: String, to newName: String) async throws {
        try await store.index.renameMailbox(from: name, to: newName)
    }

    func setSubscribed(_ subscribed: Bool, _ name: String) async throws {
        try await store.index.setSubscribed(subscribed, mailbox: name)
    }

    func status(_ name: String) async throws -> MailboxStatus {
        try await store.index.status(of: name)
    }

    /// Stores one message; returns the mailbox's UIDVALIDITY and the message's UID.
    /// - Parameter internalDate: seconds since 1970; now when nil.
    func append(_ message: [UInt8], to name: String, flags: FlagSet, internalDate: Int64?) async throws -> (uidValidity: UInt32, uid: UInt32) {
        let uid = try await store.save(message, to: name, flags: flags, internalDate: internalDate)
        return (try await store.index.status(of: name).uidValidity, uid)
    }
}

/// A mailbox as LIST sees it.
struct ListedMailbox: Hashable, Sendable {
    var name: String
    var specialUse: Set<String>
    var subscribed: Bool
}
