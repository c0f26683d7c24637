import struct NIOCore.ByteBuffer

/// Every protocol limit the IMAP grammar enforces, in one place.
///
/// The server's configuration may lower or raise them through ``IMAPLimits``; these are the defaults.
public enum IMAPDefaults {
    /// Longest command line (one line of a command, without its literals), CRLF included.
    ///
    /// RFC 7162 §4 asks servers to accept command lines of at least 8192 octets; Dovecot's
    /// `imap_max_line_length` defaults to 64 KiB, which we follow so long UID sets still fit.
    public static let maximumLineLength = 65_536

    /// Largest literal (`{n}`, `{n+}`, `~{n}`) the framing accepts. Larger literals are refused
    /// before their bytes arrive. RFC 9051 §4.3 puts no bound on literals; RFC 7889 (APPENDLIMIT)
    /// lets the server advertise its own. 64 MiB matches common message-size limits.
    public static let maximumLiteralSize: UInt64 = 64 * 1024 * 1024

    /// Largest literal in a command other than APPEND (a LOGIN password, a SEARCH string, a
    /// mailbox name). RFC 7888 §4 (LITERAL-) caps non-synchronizing literals at 4096 octets for
    /// the same reason: only messages are big.
    public static let maximumNonMessageLiteralSize: UInt64 = 65_536

    /// Most literals one command may carry (MULTIAPPEND, RFC 3502, sends one per message).
    public static let maximumLiteralsPerCommand = 1_000

    /// Deepest nesting of parenthesised lists (SEARCH programs, LIST options, ID lists). RFC 9051
    /// §9 allows unbounded nesting; the cap stops stack exhaustion from hostile input.
    public static let maximumNestingDepth = 64

    /// Largest numeric literal that still fits a `number64` (RFC 9051 §9: 0 <= n < 2^63).
    public static let maximumNumber64: UInt64 = UInt64(Int64.max)
}

/// The limits one connection enforces; defaults come from ``IMAPDefaults``.
public struct IMAPLimits: Hashable, Sendable {
    /// See ``IMAPDefaults/maximumLineLength``.
    public var maximumLineLength: Int
    /// See ``IMAPDefaults/maximumLiteralSize``.
    public var maximumLiteralSize: UInt64
    /// See ``IMAPDefaults/maximumNonMessageLiteralSize``.
    public var maximumNonMessageLiteralSize: UInt64
    /// See ``IMAPDefaults/maximumLiteralsPerCommand``.
    public var maximumLiteralsPerCommand: Int
    /// See ``IMAPDefaults/maximumNestingDepth``.
    public var maximumNestingDepth: Int

    /// Creates limits; every argument defaults to the value in ``IMAPDefaults``.
    public init(
        maximumLineLength: Int = IMAPDefaults.maximumLineLength,
        maximumLiteralSize: UInt64 = IMAPDefaults.maximumLiteralSize,
        maximumNonMessageLiteralSize: UInt64 = IMAPDefaults.maximumNonMessageLiteralSize,
        maximumLiteralsPerCommand: Int = IMAPDefaults.maximumLiteralsPerCommand,
        maximumNestingDepth: Int = IMAPDefaults.maximumNestingDepth
    ) {
        self.maximumLineLength = maximumLineLength
        self.maximumLiteralSize = maximumLiteralSize
        self.maximumNonMessageLiteralSize = maximumNonMessageLiteralSize
        self.maximumLiteralsPerCommand = maximumLiteralsPerCommand
        self.maximumNestingDepth = maximumNestingDepth
    }
}
