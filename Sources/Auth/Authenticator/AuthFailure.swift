/// Why a login failed, in terms a protocol session can map to its reply.
public struct AuthFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure; each maps to a different client reply.
    public enum Kind: Sendable, Hashable {
        /// Wrong password or unknown user (IMAP `NO [AUTHENTICATIONFAILED]`, SMTP 535).
        case invalidCredentials
        /// A plaintext mechanism on an unsecured connection (IMAP `NO [PRIVACYREQUIRED]`, SMTP 538).
        case plaintextNotAllowed
        /// The mechanism is not offered, or the stored password cannot serve it (SMTP 504).
        case mechanismUnavailable
        /// The client's SASL message is malformed (IMAP `BAD`, SMTP 501).
        case malformed
        /// The client asked for something not permitted (authzid, channel binding).
        case notPermitted
        /// The account may not log in (`nologin`), with the passdb's `reason` if any.
        case loginDisabled(reason: String?)
        /// A backend failed; try again later (IMAP `NO [UNAVAILABLE]`, SMTP 454).
        case temporaryFailure
        /// The client cancelled with `*`.
        case cancelled
    }

    /// The class of failure.
    public var kind: Kind
    /// Operator-facing detail for logs; never contains secrets.
    public var detail: String

    /// Creates a failure.
    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    /// The failure a SASL mechanism reported.
    public init(_ failure: SASLFailure) {
        let kind: Kind =
            switch failure.kind {
            case .malformed: .malformed
            case .invalidCredentials: .invalidCredentials
            case .mechanismUnavailable: .mechanismUnavailable
            case .notPermitted: .notPermitted
            case .cancelled: .cancelled
            }
        self.init(kind, failure.detail)
    }

    public var description: String { detail }
}
