/// The IMAP ENVELOPE of a message (RFC 3501 §7.4.2, RFC 9051 §7.5.2).
///
/// String fields are raw header values (line ends of folding removed on output, nothing decoded),
/// as IMAP requires. Like Dovecot: Date, Subject, In-Reply-To and Message-ID take the last
/// occurrence of their field; address fields collect every occurrence; Sender and Reply-To fall back
/// to From when absent.
public struct Envelope: Sendable, Hashable {
    /// Raw Date value.
    public var date: [UInt8]?
    /// Raw Subject value.
    public var subject: [UInt8]?
    /// From addresses.
    public var from: [MailAddress] = []
    /// Sender addresses.
    public var sender: [MailAddress] = []
    /// Reply-To addresses.
    public var replyTo: [MailAddress] = []
    /// To addresses.
    public var to: [MailAddress] = []
    /// Cc addresses.
    public var cc: [MailAddress] = []
    /// Bcc addresses.
    public var bcc: [MailAddress] = []
    /// Raw In-Reply-To value.
    public var inReplyTo: [UInt8]?
    /// Raw Message-ID value.
    public var messageID: [UInt8]?

    /// Creates an empty envelope (every field NIL).
    public init() {}

    /// Builds the envelope of a message or of an encapsulated message part.
    /// - Parameters:
    ///   - bytes: The message bytes.
    ///   - fields: The header fields of the (encapsulated) message.
    public init(bytes: [UInt8], fields: [HeaderField]) {
        bytes.withUnsafeBufferPointer { buffer in
            for field in fields where field.hasColon {
                let name = buffer[field.nameRange]
                guard let first = name.first else { continue }
                // Strings get NUL replaced by U+FFFD; address lists are lexed raw (NUL ends a word).
                let value = { HeaderText.replacingNUL(Array(buffer[field.valueRange])) }
                let raw = { Array(buffer[field.valueRange]) }
                switch first | 0x20 {
                case UInt8(ascii: "d") where MIMEMessage.equalFold(name, Array("date".utf8)):
                    date = value()
                case UInt8(ascii: "s") where MIMEMessage.equalFold(name, Array("subject".utf8)):
                    subject = value()
                case UInt8(ascii: "s") where MIMEMessage.equalFold(name, Array("sender".utf8)):
                    sender += MailAddress.parseList(raw())
                case UInt8(ascii: "f") where MIMEMessage.equalFold(name, Array("from".utf8)):
                    from += MailAddress.parseList(raw())
                case UInt8(ascii: "r") where MIMEMessage.equalFold(name, Array("reply-to".utf8)):
                    replyTo += MailAddress.parseList(raw())
                case UInt8(ascii: "t") where MIMEMessage.equalFold(name, Array("to".utf8)):
                    to += MailAddress.parseList(raw())
                case UInt8(ascii: "c") where MIMEMessage.equalFold(name, Array("cc".utf8)):
                    cc += MailAddress.parseList(raw())
                case UInt8(ascii: "b") where MIMEMessage.equalFold(name, Array("bcc".utf8)):
                    bcc += MailAddress.parseList(raw())
                case UInt8(ascii: "i") where MIMEMessage.equalFold(name, Array("in-reply-to".utf8)):
                    inReplyTo = value()
                case UInt8(ascii: "m") where MIMEMessage.equalFold(name, Array("message-id".utf8)):
                    messageID = value()
                default:
                    break
                }
            }
        }
    }

    // MARK: - Encoding

    /// The wire form without the surrounding parentheses:
    /// `date subject (from) (sender) (reply-to) (to) (cc) (bcc) in-reply-to message-id`.
    public var encoded: [UInt8] {
        var writer = IMAPWriter()
        write(to: &writer)
        return writer.bytes
    }

    func write(to writer: inout IMAPWriter) {
        writer.appendNStringWithoutLineEnds(date)
        writer.append(" ")
        if let subject { writer.appendStringForHumans(subject) } else { writer.append("NIL") }
        for list in [from, sender.isEmpty ? from : sender, replyTo.isEmpty ? from : replyTo, to, cc, bcc] {
            writer.append(" ")
            Self.writeAddresses(list, to: &writer)
        }
        writer.append(" ")
        writer.appendNStringWithoutLineEnds(inReplyTo)
        writer.append(" ")
        writer.appendNStringWithoutLineEnds(messageID)
    }

    private static func writeAddresses(_ list: [MailAddress], to writer: inout IMAPWriter) {
        guard !list.isEmpty else { return writer.append("NIL") }
        writer.append("(")
        for address in list {
            writer.append("(")
            if let name = address.name { writer.appendStringForHumans(name) } else { writer.append("NIL") }
            writer.append(" ")
            writer.appendNStringWithoutLineEnds(address.route)
            writer.append(" ")
            writer.appendNStringWithoutLineEnds(address.mailbox)
            writer.append(" ")
            writer.appendNStringWithoutLineEnds(address.domain)
            writer.append(")")
        }
        writer.append(")")
    }
}

extension MIMEMessage {
    /// The message's ENVELOPE.
    public var envelope: Envelope { Envelope(bytes: bytes, fields: root.fields) }
}
