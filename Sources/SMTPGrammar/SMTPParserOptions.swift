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
    /// Whether UTF-8 addresses are acceptable in RCPT (and VRFY) because this transaction's MAIL
    /// carried `SMTPUTF8` (RFC 6531 §3.4). MAIL itself allows them when it carries the parameter.
    public var utf8Addresses: Bool

    /// Makes options; the default is lenient, which is what a public MX needs.
    public init(strictness: Strictness = .lenient, utf8Addresses: Bool = false) {
        self.strictness = strictness
        self.utf8Addresses = utf8Addresses
    }
}

/// A departure from RFC 5321 that the lenient parser accepted. See ``SMTPParserOptions``.
public enum SMTPDeviation: Hashable, Sendable {
    case spaceAfterColon
    case missingAngleBrackets
    case extraSpaces
    case bareLineFeed
    case invalidGreetingArgument
}
