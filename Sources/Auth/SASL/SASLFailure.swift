/// Why a SASL exchange failed. Never carries client responses or secrets.
public struct SASLFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure.
    public enum Kind: Sendable, Hashable {
        /// The client's message does not follow the mechanism's syntax.
        case malformed
        /// Wrong password, wrong proof, or unknown user.
        case invalidCredentials
        /// The user's stored password cannot serve this mechanism.
        case mechanismUnavailable
        /// The client asked for something the server does not allow (authzid, channel binding).
        case notPermitted
        /// The client cancelled the exchange (`*`).
        case cancelled
    }

    /// The class of failure.
    public var kind: Kind
    /// Operator-facing detail; never contains client data beyond a username.
    public var detail: String

    /// Creates a failure.
    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { detail }
}
