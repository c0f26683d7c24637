import NIOCore
import SMTPGrammar

/// What the LMTP framing layer hands the session: command lines, or the bytes of a message
/// after `DATA` or `BDAT`.
public enum LMTPFrame: Sendable {
    /// A command line without its line end.
    case line(ByteBuffer)
    /// A command line the framer refused (too long, or a bare LF in strict mode); it was consumed.
    case badLine(SMTPCommandError)
    /// Message bytes: DATA content after dot-unstuffing (up to the size limit), or BDAT chunk bytes.
    case content(ByteBuffer)
    /// The `CRLF.CRLF` that ends DATA arrived.
    case dataEnd(SMTPDataDecoder.Summary)
    /// All octets of the current BDAT chunk arrived.
    case chunkEnd
}

/// Tells the framing handler how to read what follows a `DATA` line. The handler reads nothing
/// after a `DATA` line until the session sends one of these as a user outbound event, so that
/// the bytes after it are read as the session's answer says: message (after `354`) or commands
/// (after a refusal).
public enum LMTPFramingDirective: Sendable {
    /// The session answered `354`: read a message of at most `maximumSize` octets.
    case readMessage(maximumSize: Int)
    /// The session refused DATA: go on reading commands.
    case readCommands
}
