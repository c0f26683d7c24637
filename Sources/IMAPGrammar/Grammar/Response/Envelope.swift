import struct NIOCore.ByteBuffer

/// The ENVELOPE of a message (RFC 9051 §7.5.2). Field values are the raw header values.
public struct Envelope: Hashable, Sendable {
    public var date: String?
    public var subject: String?
    public var from: [Address]
    public var sender: [Address]
    public var replyTo: [Address]
    public var to: [Address]
    public var cc: [Address]
    public var bcc: [Address]
    public var inReplyTo: String?
    public var messageID: String?

    public init(
        date: String? = nil, subject: String? = nil, from: [Address] = [], sender: [Address] = [],
        replyTo: [Address] = [], to: [Address] = [], cc: [Address] = [], bcc: [Address] = [],
        inReplyTo: String? = nil, messageID: String? = nil
    ) {
        self.date = date
        self.subject = subject
        self.from = from
        self.sender = sender
        self.replyTo = replyTo
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.inReplyTo = inReplyTo
        self.messageID = messageID
    }
}

// MARK: - Encoding

extension EncodeBuffer {
    public mutating func writeAddress(_ address: Address) {
        writeRaw("(")
        writeNString(address.name)
        writeSpace()
        writeNString(address.adl)
        writeSpace()
        writeNString(address.mailbox)
        writeSpace()
        writeNString(address.host)
        writeRaw(")")
    }

    /// `env-from = "(" 1*address ")" / nil` (no spaces between addresses).
    public mutating func writeAddresses(_ addresses: [Address]) {
        guard !addresses.isEmpty else {
            writeRaw("NIL")
            return
        }
        writeRaw("(")
        for address in addresses { writeAddress(address) }
        writeRaw(")")
    }

    public mutating func writeEnvelope(_ envelope: Envelope) {
        writeRaw("(")
        writeNString(envelope.date)
        writeSpace()
        writeNString(envelope.subject)
        for list in [envelope.from, envelope.sender, envelope.replyTo, envelope.to, envelope.cc, envelope.bcc] {
            writeSpace()
            writeAddresses(list)
        }
        writeSpace()
        writeNString(envelope.inReplyTo)
        writeSpace()
        writeNString(envelope.messageID)
        writeRaw(")")
    }
}
