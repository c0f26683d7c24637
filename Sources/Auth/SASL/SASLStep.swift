/// What a server-side SASL mechanism asks its driver to do next.
public enum SASLStep: Sendable, Hashable {
    /// Send this challenge to the client and feed its answer to `receive(_:)`.
    case challenge([UInt8])
    /// The client sent a plaintext password (PLAIN, LOGIN): verify it against the passdb.
    case verifyPassword(SASLIdentity, SASLSecret)
    /// Look the user up and pass what the stored password yields to `provide(_:)`.
    case needCredentials(SASLIdentity, SASLCredentialKind)
    /// The client proved its identity. `serverFinal` is additional data for the client
    /// (SCRAM's `v=…`), `nil` when the mechanism has none.
    case success(SASLIdentity, serverFinal: [UInt8]?)
    /// The exchange failed.
    case failure(SASLFailure)
}

/// The identities a client claims: who authenticates, and whom it wants to act as.
public struct SASLIdentity: Sendable, Hashable {
    /// The authentication identity (the user whose password is checked).
    public var authenticationID: String
    /// The authorization identity, `nil` when absent or empty.
    public var authorizationID: String?

    /// Creates an identity; an empty authorization identity counts as none.
    public init(authenticationID: String, authorizationID: String? = nil) {
        self.authenticationID = authenticationID
        self.authorizationID = authorizationID?.isEmpty == true ? nil : authorizationID
    }
}

/// A plaintext password in transit. Its description is redacted so that it never reaches a log.
public struct SASLSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The password.
    public let value: String

    /// Wraps a password.
    public init(_ value: String) {
        self.value = value
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}

/// Which credential a mechanism needs from the passdb.
public enum SASLCredentialKind: Sendable, Hashable {
    case scram(SCRAMAlgorithm)
    case cramMD5
}

/// A credential derived from a stored password for a challenge-response mechanism.
public enum SASLCredentials: Sendable, Hashable {
    case scram(SCRAMCredentials)
    /// Dovecot's 32-byte CRAM-MD5 context.
    case cramMD5([UInt8])
}
