import Auth

/// What a ManageSieve session remembers between commands: a value, so a session can be moved.
struct ManageSieveSessionState: Sendable {
    /// RFC 5804 §1.2: a session is not authenticated until AUTHENTICATE succeeds.
    enum Phase: Sendable {
        case notAuthenticated
        /// Logged in; the scripts live in `<home>/sieve/`.
        case authenticated(AuthenticatedUser, home: String)
    }

    var phase = Phase.notAuthenticated
    var authenticationFailures = 0
    var invalidCommands = 0

    var isAuthenticated: Bool {
        if case .authenticated = phase { return true }
        return false
    }
}
