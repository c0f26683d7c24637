/// How strictly the command parser and the line framer read a client's input.
///
/// ``Strictness/strict`` follows RFC 5321 to the letter. ``Strictness/lenient`` also accepts what
/// broken but common clients send, and reports each deviation it forgave as a ``SMTPDeviation`` so the
/// session can log it:
/// - a space after `MAIL FROM:` / `RCPT TO:` (``SMTPDeviation/spaceAfterColon``),
/// - a path without angle brackets (``SMTPDeviation/missingAngleBrackets``),
/// - extra spaces between arguments or at the end of the line (``SMTPDeviation/extraSpaces``),
/// - a command line ended by a bare LF (``SMTPDeviation/bareLineFeed``; in DATA a bare LF is never a
///   line end in either mode),
/// - a HELO/EHLO/LHLO argument that is neither a domain nor an address literal
///   (``SMTPDeviation/invalidGreetingArgument``).
public struct SMTPParserOptions: Hashable, Sendable {
    /// Strict RFC 5321 or lenient for real-world clients.
    public enum Strictness: Hashable, Sendable {
        case strict
        case lenient
    }

    /// How strictly to read.
    public var strictness: Strictness
    /// Whether UTF-8 addresses are acceptable in RCPT because this transaction's MAIL carried
    /// `SMTPUTF8` (RFC 6531 §3.4), and in VRFY because the server offers SMTPUTF8 (§3.7.4.2). MAIL
    /// itself allows them when it carries the parameter.
    public var utf8Addresses: Bool

    /// Makes options; the default is lenient, which is what a public MX needs.
    public init(strictness: Strictness = .lenient, utf8Addresses: Bool = false) {
        self.strictness = strictness
        self.utf8Addresses = utf8Addresses
    }
}

/// A departure from RFC 5321 that the lenient parser accepted. See ``SMTPParserOptions``.
public enum SMTPDeviation: Hashable, Sendable {
    /// `MAIL FROM: <a@b>`: space after the colon (RFC 5321 §4.1.1.2 has none).
    case spaceAfterColon
    /// `MAIL FROM:a@b`: no angle brackets around the path (RFC 5321 §4.1.2 `Path`).
    case missingAngleBrackets
    /// More than one space between arguments, or spaces at the end of the line.
    case extraSpaces
    /// The command line ended in LF without CR (RFC 5321 §2.3.8).
    case bareLineFeed
    /// HELO/EHLO/LHLO with an argument that is neither a domain nor an address literal.
    case invalidGreetingArgument
}
