/// What the framing parser found next in a client's byte stream.
public enum FramingEvent: Sendable, Hashable {
    /// A whole command or SASL response: its lines and literals as sent, without the final CRLF.
    case frame([UInt8])
    /// A line over the limit. Its bytes were dropped up to its end; the command is lost.
    case lineTooLong
    /// A literal over the limit (or over 32 bits, `size` nil) was announced. Its bytes and the
    /// rest of its line are dropped as they arrive; an announcement too large to count the
    /// bytes of (`size` nil) leaves the stream unreadable.
    case literalTooLarge(size: UInt64?, limit: UInt64)
    /// More literals than the limit; the command's remaining bytes are dropped like a literal
    /// that is too large.
    case tooManyLiterals
}
