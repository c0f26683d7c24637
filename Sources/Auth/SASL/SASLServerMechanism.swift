/// A server-side SASL mechanism: an I/O-free state machine.
///
/// The driver (``AuthExchange``) calls ``start(initialResponse:)`` once, then ``receive(_:)``
/// with each client response after a `.challenge`, and ``provide(_:)`` after
/// `.needCredentials`. A step after `.success` or `.failure` is a programming error.
public protocol SASLServerMechanism: Sendable {
    /// The mechanism.
    var name: SASLMechanismName { get }

    /// Begins the exchange.
    /// - Parameter initialResponse: the client's initial response (SASL-IR / AUTH with
    ///   argument), `nil` when the client sent none. An empty array is an empty response.
    mutating func start(initialResponse: [UInt8]?) -> SASLStep

    /// Takes the client's answer to the last challenge.
    mutating func receive(_ response: [UInt8]) -> SASLStep

    /// Takes the credential asked for by `.needCredentials`; `nil` when the user does not
    /// exist or the stored password cannot serve this mechanism.
    mutating func provide(_ credentials: SASLCredentials?) -> SASLStep
}
