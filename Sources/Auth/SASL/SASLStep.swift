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
