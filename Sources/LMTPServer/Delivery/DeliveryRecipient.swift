import Auth
import SMTPGrammar

/// A recipient the userdb knows, accepted in RCPT.
public struct DeliveryRecipient: Sendable {
    /// The address as RCPT TO gave it (no angle brackets): Delivered-To and Sieve's envelope "to".
    public var address: String
    /// The user it belongs to.
    public var user: UserRecord
    /// The user's home directory.
    public var home: String
    /// NOTIFY and ORCPT (RFC 3461), kept for the DSN a later MTA writes.
    public var parameters: RcptParameters

    public init(address: String, user: UserRecord, home: String, parameters: RcptParameters = RcptParameters()) {
        self.address = address
        self.user = user
        self.home = home
        self.parameters = parameters
    }
}

/// What a userdb lookup for RCPT found.
public enum RecipientLookup: Sendable {
    case found(DeliveryRecipient)
    case unknown
    /// The userdb failed; the client should try again later.
    case temporaryFailure
}
