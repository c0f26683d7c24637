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

    /// Stores messages all or none (MULTIAPPEND).
    func append(_ messages: [MessageToAppend], to name: String) async throws -> AppendResult {
        try await store.append(messages, to: name)
    }

    // MARK: - Selected state

    /// Opens a mailbox for a session; SELECT claims `\Recent`, EXAMINE does not.
    func select(_ name: String, claimingRecent: Bool) async throws -> MailboxSelection {
        if name == "INBOX" { _ = try await store.mailbox(named: name) }
        return try await store.index.select(name, claimingRecent: claimingRecent)
    }

    func claimRecent(in name: String, below uidNext: UInt32) async throws -> UInt32 {
        try await store.index.claimRecent(in: name, below: uidNext)
    }

    func changes(in name: String, since modseq: UInt64) async throws -> MailboxChanges {
        try await store.index.changes(in: name, since: modseq)
    }

    func mailbox(guid: GUID128) async throws -> MailboxRecord? {
        try await store.index.mailbox(guid: guid)
    }

    /// UIDs expunged after `modseq` (QRESYNC's VANISHED (EARLIER)).
    func expunged(in name: String, after modseq: UInt64) async throws -> [UInt32] {
        try await store.index.expunged(in: name, after: modseq)
    }

    func messages(in name: String, uids: [UInt32], withStructure: Bool) async throws -> [MessageRecord] {
        guard !uids.isEmpty else { return [] }
        return try await store.messages(in: name, uidRanges: Self.ranges(uids), withStructure: withStructure)
    }

    func body(of record: MessageRecord) async throws -> [UInt8] {
        try await store.body(of: record)
    }

    /// The header blocks of `records`, by UID, mostly from the index's header cache.
    func headers(of records: [MessageRecord], in name: String) async throws -> [UInt32: [UInt8]] {
        try await store.headers(of: records, in: name)
    }

    func updateFlags(in name: String, uids: [UInt32], _ operation: FlagOperation, _ change: FlagSet,
                     unchangedSince: UInt64?) async throws -> FlagUpdateResult {
        try await store.updateFlags(in: name, uids: uids, operation, change, unchangedSince: unchangedSince)
    }

    func copy(_ uids: [UInt32], from source: String, to destination: String) async throws -> CopyResult {
        try await store.copy(uids: uids, from: source, to: destination)
    }

    func move(_ uids: [UInt32], from source: String, to destination: String) async throws -> CopyResult {
        try await store.move(uids: uids, from: source, to: destination)
    }

    func expunge(in name: String, uids: [UInt32]) async throws -> [UInt32] {
        try await store.expunge(in: name, uids: uids)
    }

    /// The UIDs among `within` that match `query`, ascending.
    func search(in name: String, _ query: SearchQuery, within uids: [UInt32]) async throws -> [UInt32] {
        guard !uids.isEmpty else { return [] }
        return try await store.search(in: name, query, within: Self.ranges(uids))
    }

    /// Every change to the user's mail made through this process, as it happens.
    func changes() -> AsyncStream<MailStoreChange> {
        store.changes()
    }

    var quota: QuotaLimits { store.quota }

    func quotaUsage() async throws -> QuotaUsage {
        try await store.quotaUsage()
    }

    /// Ascending `uids` as the fewest ranges.
    static func ranges(_ uids: [UInt32]) -> [ClosedRange<UInt32>] {
        var ranges: [ClosedRange<UInt32>] = []
        for uid in uids {
            if let last = ranges.last, last.upperBound &+ 1 == uid {
                ranges[ranges.count - 1] = last.lowerBound...uid
            } else {
                ranges.append(uid...uid)
            }
        }
        return ranges
    }
}

/// A mailbox as LIST sees it.
struct ListedMailbox: Hashable, Sendable {
    var name: String
    var specialUse: Set<String>
    var subscribed: Bool
}
