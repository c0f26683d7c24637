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
