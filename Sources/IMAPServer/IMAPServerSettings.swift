/// Limits and names an IMAP listener uses, from the configuration.
public struct IMAPServerSettings: Sendable {
    /// The name in the greeting.
    public var hostname: String
    /// The largest literal accepted before login (user names and passwords).
    public var maximumLoginLiteral: Int
    /// Failed logins after which the connection is closed.
    public var maximumAuthenticationFailures: Int
    /// Invalid commands after which the connection is closed.
    public var maximumInvalidCommands: Int

    public init(
        hostname: String,
        maximumLoginLiteral: Int = 8192,
        maximumAuthenticationFailures: Int = 3,
        maximumInvalidCommands: Int = 20
    ) {
        self.hostname = hostname
        self.maximumLoginLiteral = maximumLoginLiteral
        self.maximumAuthenticationFailures = maximumAuthenticationFailures
        self.maximumInvalidCommands = maximumInvalidCommands
    }
}
