import Foundation

/// CRAM-MD5 (RFC 2195): the server sends `<unique@host>`, the client answers
/// `username SP hex(HMAC-MD5(password, challenge))`.
public struct CRAMMD5Mechanism: SASLServerMechanism {
    private enum State: Equatable {
        case initial
        case awaitingResponse
        case awaitingCredentials(username: String, digest: [UInt8])
        case done
    }

    private var state = State.initial
    private let challengeText: String

    /// Creates the mechanism.
    /// - Parameters:
    ///   - hostname: the server name used in the generated challenge.
    ///   - challenge: a fixed challenge (tests); `nil` generates `<random.time@hostname>`.
    public init(hostname: String, challenge: String? = nil) {
        if let challenge {
            challengeText = challenge
        } else {
            let random = ByteEncoding.randomBytes(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let seconds = Int(Date().timeIntervalSince1970)
            challengeText = "<\(random).\(seconds)@\(hostname)>"
        }
    }

    public var name: SASLMechanismName { .cramMD5 }

    public mutating func start(initialResponse: [UInt8]?) -> SASLStep {
        precondition(state == .initial, "start called twice")
        guard initialResponse == nil || initialResponse == [] else {
            state = .done
            return .failure(SASLFailure(.malformed, "CRAM-MD5 does not take an initial response"))
        }
        state = .awaitingResponse
        return .challenge(Array(challengeText.utf8))
    }

    public mutating func receive(_ response: [UInt8]) -> SASLStep {
        precondition(state == .awaitingResponse, "CRAM-MD5 received a response it did not ask for")
        state = .done
        guard let space = response.lastIndex(of: UInt8(ascii: " ")),
            let username = String(validating: response[..<space], as: UTF8.self), !username.isEmpty,
            let digest = ByteEncoding.fromHex(String(decoding: response[(space + 1)...], as: UTF8.self)),
            digest.count == 16
        else { return .failure(SASLFailure(.malformed, "CRAM-MD5 response is not \"user hexdigest\"")) }
        state = .awaitingCredentials(username: username, digest: digest)
        return .needCredentials(SASLIdentity(authenticationID: username), .cramMD5)
    }

    public mutating func provide(_ credentials: SASLCredentials?) -> SASLStep {
        guard case .awaitingCredentials(let username, let digest) = state else {
            preconditionFailure("CRAM-MD5 got credentials it did not ask for")
        }
        state = .done
        guard case .cramMD5(let context) = credentials, context.count == 32 else {
            return .failure(SASLFailure(.invalidCredentials, "no CRAM-MD5 credentials for user"))
        }
        let expected = CryptPrimitives.cramMD5Digest(context: context, message: Array(challengeText.utf8))
        guard ByteEncoding.constantTimeEquals(expected, digest) else {
            return .failure(SASLFailure(.invalidCredentials, "CRAM-MD5 digest mismatch"))
        }
        return .success(SASLIdentity(authenticationID: username), serverFinal: nil)
    }
}
