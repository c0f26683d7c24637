/// When mechanisms that carry the password itself (PLAIN, LOGIN, IMAP `LOGIN`) are allowed.
public enum PlaintextPolicy: String, Sendable, Hashable {
    /// Only over TLS.
    case requireTLS
    /// Over TLS, or from a loopback address (the default).
    case allowLoopback
    /// Always (for deployments behind a TLS-terminating proxy).
    case allow
}
