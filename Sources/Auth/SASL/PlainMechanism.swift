/// SASL PLAIN (RFC 4616): `[authzid] NUL authcid NUL passwd` in one message.
public struct PlainMechanism: SASLServerMechanism {
    private enum State {
        case initial
        case awaitingResponse
        case done
    }

    private var state = State.initial

    /// Creates the mechanism.
    public init() {}

    public var name: SASLMechanismName { .plain }

    public mutating func start(initialResponse: [UInt8]?) -> SASLStep {
        precondition(state == .initial, "start called twice")
        guard let initialResponse else {
            state = .awaitingResponse
            return .challenge([])
        }
        return parse(initialResponse)
    }

    public mutating func receive(_ response: [UInt8]) -> SASLStep {
        precondition(state == .awaitingResponse, "PLAIN received a response it did not ask for")
        return parse(response)
    }

    public mutating func provide(_ credentials: SASLCredentials?) -> SASLStep {
        preconditionFailure("PLAIN never asks for credentials")
    }

    /// RFC 4616 section 2: message = [authzid] UTF8NUL authcid UTF8NUL passwd
    private mutating func parse(_ message: [UInt8]) -> SASLStep {
        state = .done
        let parts = message.split(separator: 0, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            return .failure(SASLFailure(.malformed, "PLAIN message must have three NUL-separated parts"))
        }
        guard parts.allSatisfy({ $0.count <= 255 }) else {
            return .failure(SASLFailure(.malformed, "PLAIN field longer than 255 octets"))
        }
        guard let authzid = String(validating: parts[0], as: UTF8.self),
            let authcid = String(validating: parts[1], as: UTF8.self),
            let password = String(validating: parts[2], as: UTF8.self)
        else { return .failure(SASLFailure(.malformed, "PLAIN message is not UTF-8")) }
        guard !authcid.isEmpty, !password.isEmpty else {
            return .failure(SASLFailure(.malformed, "PLAIN authcid or password is empty"))
        }
        return .verifyPassword(SASLIdentity(authenticationID: authcid, authorizationID: authzid), SASLSecret(password))
    }
}
