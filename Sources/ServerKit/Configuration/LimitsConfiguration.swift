/// Limits every listener enforces.
public struct LimitsConfiguration: Sendable, Hashable {
    /// Open connections across all listeners, 1...1_000_000.
    public var maxConnections: Int
    /// Open connections from one client IP address, 1...`maxConnections`.
    public var maxConnectionsPerIP: Int
    /// Logged-in sessions of one user from one client IP address (Dovecot's
    /// `mail_max_userip_connections`), 1...`maxConnections`.
    public var maxConnectionsPerUserIP: Int
    /// A connection idle this long is closed (IMAP IDLE included), 10s...24h.
    public var idleTimeout: Duration
    /// A connection that has not logged in this long after connecting is closed, 10s...1h.
    public var loginTimeout: Duration
    /// The longest command line in bytes, 1000...1_048_576 (RFC 5321 needs 512, RFC 7162 advises 8192).
    public var lineLength: Int

    /// Creates limits.
    public init(
        maxConnections: Int, maxConnectionsPerIP: Int, maxConnectionsPerUserIP: Int, idleTimeout: Duration, loginTimeout: Duration,
        lineLength: Int
    ) {
        self.maxConnections = maxConnections
        self.maxConnectionsPerIP = maxConnectionsPerIP
        self.maxConnectionsPerUserIP = maxConnectionsPerUserIP
        self.idleTimeout = idleTimeout
        self.loginTimeout = loginTimeout
        self.lineLength = lineLength
    }
}
