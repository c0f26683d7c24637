/// What an authentication step tells the protocol session.
public enum AuthOutcome: Sendable, Hashable {
    /// Send this challenge (base64 on the wire) and pass the client's answer to ``AuthExchange/respond(_:)``.
    case challenge([UInt8])
    /// Logged in. `serverFinal` is SASL additional data for the client (SCRAM), if any.
    case success(AuthenticatedUser, serverFinal: [UInt8]?)
    /// Failed; any penalty delay has already elapsed.
    case failure(AuthFailure)
}
