/// A change to one user's mail, as the change bus announces it to IDLE sessions and replication.
public struct MailStoreChange: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Messages were added (append, copy, move); their UIDs, ascending.
        case appended([UInt32])
        /// Flags of these messages changed.
        case flagsChanged([UInt32])
        /// These messages were expunged.
        case expunged([UInt32])
        /// A mailbox was created, deleted, renamed or (un)subscribed.
        case mailboxTree
    }

    /// The mailbox the change happened in (its GUID, which survives renames).
    public var mailbox: GUID128
    public var kind: Kind
    /// The mailbox's HIGHESTMODSEQ after the change.
    public var modseq: UInt64
}
