import struct NIOCore.ByteBuffer

extension GrammarParser {
    // mailbox = "INBOX" / astring
    static func parseMailbox(_ buffer: inout ParseBuffer) throws -> MailboxName {
        try buffer.composite { buffer in
            let bytes = try parseAString(&buffer)
            guard let name = MailboxName(wireBytes: bytes.readableBytesView, utf8Accept: buffer.options.utf8Accept) else {
                throw InvalidMailboxName()
            }
            return name
        }
    }

    // list-mailbox = 1*list-char / string
    static func parseListMailbox(_ buffer: inout ParseBuffer) throws -> MailboxName {
        try buffer.composite { buffer in
            let bytes: ByteBuffer
            switch try buffer.peek() {
            case UInt8(ascii: "\""), UInt8(ascii: "{"): bytes = try parseString(&buffer)
            default: bytes = try buffer.read(hint: "list-mailbox", while: isListChar)
            }
            guard let name = MailboxName(wireBytes: bytes.readableBytesView, utf8Accept: buffer.options.utf8Accept) else {
                throw InvalidMailboxName()
            }
            return name
        }
    }
}

/// Thrown by the mailbox rules; becomes ``BadCommand/Kind/invalidMailboxName``.
struct InvalidMailboxName: Error {}
