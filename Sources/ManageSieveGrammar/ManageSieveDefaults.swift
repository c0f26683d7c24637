/// Every protocol limit the ManageSieve grammar enforces, in one place.
///
/// The server may lower or raise them through ``ManageSieveLimits``; these are the defaults.
public enum ManageSieveDefaults {
    /// Longest line of a command, without its literals and CRLF. RFC 5804 sets no bound; the
    /// longest well-formed line is a command with two quoted strings of 1024 octets.
    public static let maximumLineLength = 8192

    /// Largest literal before login: enough for any SASL response a mechanism here needs.
    public static let maximumLoginLiteralSize: UInt64 = 8192

    /// Largest script, and so the largest literal after login (Pigeonhole's
    /// `sieve_max_script_size` has no default bound; Columba's Sieve engine stops at 1 MiB).
    public static let maximumScriptSize: UInt64 = 1 << 20

    /// Most literals one command may carry: PUTSCRIPT and RENAMESCRIPT take two strings.
    public static let maximumLiteralsPerCommand = 4

    /// Longest quoted string (RFC 5804 §4: `quoted = DQUOTE *1024QUOTED-CHAR DQUOTE`).
    public static let maximumQuotedLength = 1024

    /// Largest number (RFC 5804 §4: "a 32-bit unsigned number").
    public static let maximumNumber: UInt64 = 4_294_967_295
}
