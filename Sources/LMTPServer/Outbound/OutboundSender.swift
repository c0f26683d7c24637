/// A message leaving the server on a Sieve action's behalf: a redirect or a vacation reply.
public struct OutboundMessage: Sendable {
    /// MAIL FROM without brackets; empty for the null sender `<>`.
    public var sender: String
    /// RCPT TO addresses.
    public var recipients: [String]
    /// The message, header and body, lines ending in CRLF.
    public var content: [UInt8]

    public init(sender: String, recipients: [String], content: [UInt8]) {
        self.sender = sender
        self.recipients = recipients
        self.content = content
    }
}

/// Where Sieve's outgoing messages go. The first implementation is ``SMTPRelaySender``; the MTA
/// will be another.
public protocol OutboundSender: Sendable {
    /// Hands `message` on; returns once the next hop accepted it.
    func send(_ message: OutboundMessage) async throws
}
