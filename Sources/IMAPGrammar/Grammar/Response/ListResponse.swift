import struct NIOCore.ByteBuffer

/// `mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox [SP mbox-list-extended]`.
public struct ListResponse: Hashable, Sendable {
    /// Attributes such as `\HasNoChildren`, `\Subscribed`, `\Drafts`.
    public var attributes: [String]
    public var delimiter: Character?
    public var mailbox: MailboxName
    /// `CHILDINFO ("SUBSCRIBED")` (RFC 5258 §4), when non-empty.
    public var childInfo: [String]
    /// `OLDNAME (name)` (RFC 5465 / 9051 §7.3.1).
    public var oldName: MailboxName?

    public init(attributes: [String], delimiter: Character?, mailbox: MailboxName, childInfo: [String] = [], oldName: MailboxName? = nil) {
        self.attributes = attributes
        self.delimiter = delimiter
        self.mailbox = mailbox
        self.childInfo = childInfo
        self.oldName = oldName
    }
}
