/// The limits one read of a command applies; the session changes them at login.
public struct ManageSieveLimits: Sendable, Hashable {
    /// Longest line of a command, without its literals and CRLF.
    public var maximumLineLength: Int
    /// Largest literal.
    public var maximumLiteralSize: UInt64
    /// Most literals in one command.
    public var maximumLiterals: Int

    public init(
        maximumLineLength: Int = ManageSieveDefaults.maximumLineLength,
        maximumLiteralSize: UInt64 = ManageSieveDefaults.maximumLoginLiteralSize,
        maximumLiterals: Int = ManageSieveDefaults.maximumLiteralsPerCommand
    ) {
        self.maximumLineLength = maximumLineLength
        self.maximumLiteralSize = maximumLiteralSize
        self.maximumLiterals = maximumLiterals
    }
}
