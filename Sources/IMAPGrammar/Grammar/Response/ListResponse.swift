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

// MARK: - Encoding

extension EncodeBuffer {
    mutating func writeDelimiter(_ delimiter: Character?) {
        guard let delimiter else {
            writeRaw("NIL")
            return
        }
        writeRaw(delimiter == "\"" || delimiter == "\\" ? "\"\\\(delimiter)\"" : "\"\(delimiter)\"")
    }

    public mutating func writeListResponse(_ list: ListResponse) {
        writeList(list.attributes) { $0.writeRaw($1) }
        writeSpace()
        writeDelimiter(list.delimiter)
        writeSpace()
        writeMailbox(list.mailbox)
        var extended: [(String, (inout EncodeBuffer) -> Void)] = []
        if !list.childInfo.isEmpty {
            let info = list.childInfo
            extended.append(("CHILDINFO", { buffer in buffer.writeList(info) { $0.writeIMAPString($1) } }))
        }
        if let oldName = list.oldName {
            extended.append(("OLDNAME", { buffer in buffer.writeList([oldName]) { $0.writeMailbox($1) } }))
        }
        if !extended.isEmpty {
            writeSpace()
            writeList(extended) { buffer, item in
                buffer.writeIMAPString(item.0)
                buffer.writeSpace()
                item.1(&buffer)
            }
        }
    }
}
