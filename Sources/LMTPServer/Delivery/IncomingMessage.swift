import MailMessage

/// A received message, parsed once and delivered to every recipient of the transaction.
public struct IncomingMessage: Sendable {
    /// The message as stored, with the Received line when configured (Return-Path and Delivered-To
    /// are per recipient and added at store time).
    public var bytes: [UInt8]
    /// The same bytes parsed, for Sieve.
    public var parsed: MIMEMessage
    /// MAIL FROM without brackets; empty for `<>`.
    public var sender: String
    /// Seconds since 1970 when the message was received.
    public var receivedAt: Int

    public init(bytes: [UInt8], sender: String, receivedAt: Int) {
        self.bytes = bytes
        self.parsed = MIMEMessage(parsing: bytes)
        self.sender = sender
        self.receivedAt = receivedAt
    }

    /// `bytes` with the per-recipient trace fields in front (RFC 5321 §4.4 Return-Path, and
    /// Delivered-To as Postfix and Dovecot write it).
    public func storedBytes(for recipient: String, content: [UInt8]? = nil) -> [UInt8] {
        var out = Array("Return-Path: <\(sender)>\r\nDelivered-To: \(recipient)\r\n".utf8)
        out.append(contentsOf: content ?? bytes)
        return out
    }
}
