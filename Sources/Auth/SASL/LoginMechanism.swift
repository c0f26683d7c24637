/// The non-standard but ubiquitous LOGIN mechanism (draft-murchison-sasl-login):
/// the server asks `Username:` then `Password:`.
public struct LoginMechanism: SASLServerMechanism {
    private enum State: Equatable {
        case initial
        case awaitingUsername
        case awaitingPassword(username: String)
        case done
    }

    private var state = State.initial

    /// Creates the mechanism.
    public init() {}

    public var name: SASLMechanismName { .login }

    public mutating func start(initialResponse: [UInt8]?) -> SASLStep {
        precondition(state == .initial, "start called twice")
        state = .awaitingUsername
        guard let initialResponse, !initialResponse.isEmpty else {
            return .challenge(Array("Username:".utf8))
        }
        return receive(initialResponse)
    }

    public mutating func receive(_ response: [UInt8]) -> SASLStep {
        switch state {
        case .awaitingUsername:
            guard let username = String(validating: response, as: UTF8.self), !username.isEmpty,
                !username.utf8.contains(0)
            else {
                state = .done
                return .failure(SASLFailure(.malformed, "LOGIN username is empty or not UTF-8"))
            }
            state = .awaitingPassword(username: username)
            return .challenge(Array("Password:".utf8))
        case .awaitingPassword(let username):
            state = .done
            guard let password = String(validating: response, as: UTF8.self), !password.isEmpty else {
                return .failure(SASLFailure(.malformed, "LOGIN password is empty or not UTF-8"))
            }
            return .verifyPassword(SASLIdentity(authenticationID: username), SASLSecret(password))
        case .initial, .done:
            preconditionFailure("LOGIN received a response it did not ask for")
        }
    }

    public mutating func provide(_ credentials: SASLCredentials?) -> SASLStep {
        preconditionFailure("LOGIN never asks for credentials")
    }
}
