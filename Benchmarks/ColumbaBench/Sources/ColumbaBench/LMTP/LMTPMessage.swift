import NIOCore
import SMTPGrammar

/// One message ready to send after DATA's 354: its envelope sender and its bytes dot-stuffed with
/// CRLF line ends (RFC 5321 §4.5.2), without the final `"." CRLF`, which the client sends apart to
/// start the clock.
public struct LMTPMessage: Sendable {
    /// The MAIL FROM address, without angle brackets.
    public var sender: String
    /// The dot-stuffed message, ending in CRLF.
    public var content: ByteBuffer
    /// The message's size before dot-stuffing, in octets.
    public var size: Int

    /// Encodes `message` for DATA.
    public init(sender: String, message: ByteBuffer) {
        var encoder = SMTPDataEncoder()
        var content = ByteBuffer()
        content.reserveCapacity(message.readableBytes + message.readableBytes / 64 + 8)
        encoder.encode(message, into: &content)
        encoder.finish(into: &content)
        // finish(into:) ends the data with "." CRLF; the client sends that line on its own.
        content.moveWriterIndex(to: content.writerIndex - 3)
        self.sender = sender
        self.content = content
        self.size = message.readableBytes
    }
}
