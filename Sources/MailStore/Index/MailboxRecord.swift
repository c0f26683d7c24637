/// One mailbox as the index knows it.
public struct MailboxRecord: Hashable, Sendable {
    /// The full name with `/` as hierarchy separator, such as `INBOX` or `Archive/2026`.
    public var name: String
    /// Stays the same across renames; replication matches mailboxes by it.
    public var guid: GUID128
    public var uidValidity: UInt32
    /// The UID the next appended message gets; it never decreases.
    public var uidNext: UInt32
    /// The modseq of the latest change in the mailbox (RFC 7162).
    public var highestModseq: UInt64
    /// Special-use attributes such as `\Sent` (RFC 6154).
    public var specialUse: Set<String>
    public var subscribed: Bool
}

/// The numbers STATUS reports (RFC 9051 §6.3.11, RFC 7162, RFC 8438).
public struct MailboxStatus: Hashable, Sendable {
    public var messages: Int
    /// Messages no session has seen yet (`\Recent` not yet claimed by a SELECT).
    public var recent: Int
    public var unseen: Int
    public var deleted: Int
    /// The sum of the messages' sizes (STATUS=SIZE).
    public var size: Int64
    public var uidNext: UInt32
    public var uidValidity: UInt32
    public var highestModseq: UInt64
}

/// A change to the mailbox tree, kept with its time for replication (Dovecot's mailbox log).
public struct MailboxTreeChange: Hashable, Sendable {
    public enum Kind: String, Sendable {
        case create
        case delete
        case rename
        case subscribe
        case unsubscribe
    }

    public var kind: Kind
    public var guid: GUID128
    /// The name after the change.
    public var name: String
    /// Seconds since 1970.
    public var timestamp: Int64
}
