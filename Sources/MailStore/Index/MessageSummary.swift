import MailMessage

/// What the index keeps of a message's parse: its virtual size (RFC 5322 line ends as CRLF) and
/// the cached ENVELOPE and BODYSTRUCTURE.
///
/// A saver that parsed the message already (LMTP, for many recipients) hands it to
/// ``MessageToAppend`` so the store does not parse again.
public struct MessageSummary: Sendable, Hashable {
    public var virtualSize: Int64
    public var envelope: [UInt8]
    public var bodyStructure: [UInt8]

    public init(parsing bytes: [UInt8]) {
        self.init(MIMEMessage(parsing: bytes))
    }

    public init(_ parsed: MIMEMessage) {
        virtualSize = Int64(parsed.virtualSize)
        envelope = parsed.envelope.encoded
        bodyStructure = parsed.bodyStructure(extended: true)
    }
}
