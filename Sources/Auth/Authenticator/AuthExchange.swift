/// One SASL exchange on one connection, driven by the protocol session.
///
/// ```swift
/// var exchange = try authenticator.beginExchange(mechanism: .scramSHA256, client: client)
/// var outcome = await exchange.start(initialResponse: initial)
/// while case .challenge(let bytes) = outcome {
///     outcome = await exchange.respond(try await readClientResponse(sending: bytes))
/// }
/// ```
public struct AuthExchange: Sendable {
    private let authenticator: Authenticator
    private let client: ClientInfo
    private var mechanism: any SASLServerMechanism
    private var entry: PassDBEntry?
    private var identity: SASLIdentity?

    init(authenticator: Authenticator, client: ClientInfo, mechanism: any SASLServerMechanism) {
        self.authenticator = authenticator
        self.client = client
        self.mechanism = mechanism
    }

    /// The mechanism being run.
    public var mechanismName: SASLMechanismName { mechanism.name }

    /// Starts the exchange.
    /// - Parameter initialResponse: the client's initial response, `nil` when none was sent.
    public mutating func start(initialResponse: [UInt8]?) async -> AuthOutcome {
        let step = mechanism.start(initialResponse: initialResponse)
        return await drive(step)
    }

    /// Passes the client's answer to the last challenge.
    public mutating func respond(_ response: [UInt8]) async -> AuthOutcome {
        let step = mechanism.receive(response)
        return await drive(step)
    }

    /// The client cancelled (`*`). No penalty applies.
    public func cancel() async -> AuthOutcome {
        .failure(AuthFailure(.cancelled, "client cancelled \(mechanism.name.rawValue)"))
    }

    private mutating func drive(_ first: SASLStep) async -> AuthOutcome {
        var step = first
        while true {
            switch step {
            case .challenge(let bytes):
                return .challenge(bytes)
            case .verifyPassword(let identity, let secret):
                return await authenticator.verify(
                    identity: identity,
                    password: secret,
                    client: client,
                    mechanism: mechanism.name
                )
            case .needCredentials(let identity, let kind):
                self.identity = identity
                switch await authenticator.credentials(identity: identity, kind: kind, client: client) {
                case .found(let found, let credentials):
                    entry = found
                    step = mechanism.provide(credentials)
                case .unknownUser:
                    step = mechanism.provide(nil)
                case .failed(let failure):
                    return .failure(failure)
                }
            case .success(let identity, let serverFinal):
                guard let entry else { preconditionFailure("a mechanism succeeded without credentials") }
                return await authenticator.finish(
                    entry: entry,
                    identity: identity,
                    client: client,
                    mechanism: mechanism.name,
                    serverFinal: serverFinal
                )
            case .failure(let failure):
                return await authenticator.reject(
                    failure: AuthFailure(failure),
                    user: identity?.authenticationID,
                    client: client,
                    mechanism: mechanism.name
                )
            }
        }
    }
}
