import struct NIOCore.ByteBuffer

/// A client command (RFC 5321 §4.1.1 and the extensions named per case).
///
/// Parse one with ``SMTPCommandParser``; write one with ``NIOCore/ByteBuffer/writeSMTPCommand(_:)``.
/// Verbs are case-insensitive on input and upper case on output.
public enum SMTPCommand: Hashable, Sendable, CustomStringConvertible {
    /// `HELO domain` (RFC 5321 §4.1.1.1). The argument as the client sent it.
    case helo(String)
    /// `EHLO domain / address-literal` (RFC 5321 §4.1.1.1).
    case ehlo(String)
    /// `LHLO domain` (RFC 2033 §4.1): LMTP's EHLO.
    case lhlo(String)
    /// `MAIL FROM:` (RFC 5321 §4.1.1.2).
    case mail(MailCommand)
    /// `RCPT TO:` (RFC 5321 §4.1.1.3).
    case rcpt(RcptCommand)
    /// `DATA` (RFC 5321 §4.1.1.4); the message follows a 354 reply, see ``SMTPDataDecoder``.
    case data
    /// `BDAT chunk-size [LAST]` (RFC 3030 §3); the chunk follows at once, see ``SMTPChunkDecoder``.
    case bdat(size: Int, last: Bool)
    /// `RSET` (RFC 5321 §4.1.1.5).
    case rset
    /// `NOOP [SP String]` (RFC 5321 §4.1.1.9).
    case noop(String?)
    /// `QUIT` (RFC 5321 §4.1.1.10).
    case quit
    /// `VRFY SP String` (RFC 5321 §4.1.1.6).
    case vrfy(String)
    /// `HELP [SP String]` (RFC 5321 §4.1.1.8).
    case help(String?)
    /// `STARTTLS` (RFC 3207 §4): takes no argument.
    case startTLS
    /// `AUTH` (RFC 4954 §4).
    case auth(AuthCommand)
    /// Postfix's `XCLIENT name=value ...`: a trusted proxy passes the real client's attributes.
    /// Values are xtext-decoded; names upper case.
    case xclient([ESMTPParameter])
    /// Postfix's `XFORWARD name=value ...`: a trusted content filter passes the original client's
    /// attributes. Values are xtext-decoded; names upper case.
    case xforward([ESMTPParameter])

    /// The command line without CRLF.
    public var description: String {
        switch self {
        case .helo(let domain): "HELO \(domain)"
        case .ehlo(let domain): "EHLO \(domain)"
        case .lhlo(let domain): "LHLO \(domain)"
        case .mail(let mail): mail.description
        case .rcpt(let rcpt): rcpt.description
        case .data: "DATA"
        case .bdat(let size, let last): last ? "BDAT \(size) LAST" : "BDAT \(size)"
        case .rset: "RSET"
        case .noop(let text): text.map { "NOOP \($0)" } ?? "NOOP"
        case .quit: "QUIT"
        case .vrfy(let text): "VRFY \(text)"
        case .help(let text): text.map { "HELP \($0)" } ?? "HELP"
        case .startTLS: "STARTTLS"
        case .auth(let auth): auth.description
        case .xclient(let attributes): (["XCLIENT"] + attributes.map(Self.xtextAttribute)).joined(separator: " ")
        case .xforward(let attributes): (["XFORWARD"] + attributes.map(Self.xtextAttribute)).joined(separator: " ")
        }
    }

    private static func xtextAttribute(_ attribute: ESMTPParameter) -> String {
        attribute.value.map { "\(attribute.keyword)=\(XText.encode($0))" } ?? attribute.keyword
    }
}

// MARK: - Encoding

extension ByteBuffer {
    /// Writes `command` followed by CRLF.
    ///
    /// Values built in code (a recipient taken from a header, a NOOP text) could hold CR, LF or other
    /// control characters, which no SMTP syntax can carry and which would let the value inject a
    /// command of its own. Such a command is refused and nothing is written.
    /// - Returns: the number of bytes written.
    /// - Throws: ``SMTPCommandError`` of kind ``SMTPCommandError/Kind/invalidCharacter``.
    @discardableResult
    public mutating func writeSMTPCommand(_ command: SMTPCommand) throws(SMTPCommandError) -> Int {
        let line = command.description
        guard line.utf8.allSatisfy({ ($0 >= 0x20 || $0 == UInt8(ascii: "\t")) && $0 != 0x7F }) else {
            throw SMTPCommandError(.invalidCharacter, "control character in a command to send")
        }
        return self.writeString(line + "\r\n")
    }
}
