import IMAPGrammar

/// Limits and names an IMAP listener uses, from the configuration.
public struct IMAPServerSettings: Sendable {
    /// The name in the greeting.
    public var hostname: String
    /// The largest literal accepted before login (user names and passwords).
    public var maximumLoginLiteral: Int
    /// The largest message APPEND accepts (advertised as APPENDLIMIT, RFC 7889).
    public var maximumMessageSize: UInt64
    /// Failed logins after which the connection is closed.
    public var maximumAuthenticationFailures: Int
    /// Invalid commands after which the connection is closed.
    public var maximumInvalidCommands: Int
    /// Logged-in sessions of one user from one address; a login beyond it is refused.
    public var maximumConnectionsPerUserAddress: Int
    /// A connection that has not logged in this long after connecting is closed.
    public var loginTimeout: Duration
    /// How often an idling session looks for changes made by other processes (`columba save`,
    /// another server on the same home); changes made in this process are pushed at once.
    public var idleCheckInterval: Duration

    public init(
        hostname: String,
        maximumLoginLiteral: Int = 8192,
        maximumMessageSize: UInt64 = IMAPDefaults.maximumLiteralSize,
        maximumAuthenticationFailures: Int = 3,
        maximumInvalidCommands: Int = 20,
        maximumConnectionsPerUserAddress: Int = 10,
        loginTimeout: Duration = .seconds(180),
        idleCheckInterval: Duration = .seconds(30)
    ) {
        self.hostname = hostname
        self.maximumLoginLiteral = maximumLoginLiteral
        self.maximumMessageSize = maximumMessageSize
        self.maximumAuthenticationFailures = maximumAuthenticationFailures
        self.maximumInvalidCommands = maximumInvalidCommands
        self.maximumConnectionsPerUserAddress = maximumConnectionsPerUserAddress
        self.loginTimeout = loginTimeout
        self.idleCheckInterval = idleCheckInterval
    }
}
