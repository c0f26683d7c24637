/// A mailbox operation the index refused, naming the mailbox.
public struct MailIndexError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case mailboxNotFound
        case mailboxExists
        case invalidName
        case messageNotFound
        /// UIDs given to an append are below UIDNEXT or not ascending.
        case uidOutOfOrder
        /// INBOX cannot be deleted.
        case inboxNotDeletable
    }

    public var kind: Kind
    public var mailbox: String

    public var description: String {
        switch kind {
        case .mailboxNotFound: "mailbox \(mailbox) does not exist"
        case .mailboxExists: "mailbox \(mailbox) already exists"
        case .invalidName: "invalid mailbox name \(mailbox)"
        case .messageNotFound: "no message \(mailbox)"
        case .uidOutOfOrder: "UIDs out of order in \(mailbox)"
        case .inboxNotDeletable: "INBOX cannot be deleted"
        }
    }
}
