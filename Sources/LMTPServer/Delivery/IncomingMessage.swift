import MailMessage
import MailStore

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
    /// The parse of the stored copy, made once for every recipient: their copies differ only in
    /// the Delivered-To field, which changes no part's structure, only the size.
    private let storedSummary: MessageSummary

    public init(bytes: [UInt8], sender: String, receivedAt: Int) {
        self.bytes = bytes
        self.parsed = MIMEMessage(parsing: bytes)
        self.sender = sender
        self.receivedAt = receivedAt
        self.storedSummary = MessageSummary(parsing: Self.returnPath(sender) + bytes)
    }

    /// What is stored for a recipient: `bytes` (or a Sieve script's edit of them, `edited`) with
    /// the trace fields in front (RFC 5321 §4.4 Return-Path, and Delivered-To as Postfix and
    /// Dovecot write it, when given), and their parse when it is known without parsing again.
    public func stored(deliveredTo: String?, edited: [UInt8]? = nil) -> (bytes: [UInt8], summary: MessageSummary?) {
        let deliveredToField = deliveredTo.map { Array("Delivered-To: \($0)\r\n".utf8) } ?? []
        let stored = Self.returnPath(sender) + deliveredToField + (edited ?? bytes)
        guard edited == nil else { return (stored, nil) }
        var summary = storedSummary
        summary.virtualSize += Int64(deliveredToField.count)
        return (stored, summary)
    }

    private static func returnPath(_ sender: String) -> [UInt8] {
        Array("Return-Path: <\(sender)>\r\n".utf8)
    }
}
