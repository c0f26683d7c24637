import Foundation

/// SCRAM-SHA-1 / SCRAM-SHA-256 server (RFC 5802, RFC 7677).
///
/// ```
/// C: n,,n=user,r=<client nonce>
/// S: r=<client nonce><server nonce>,s=<salt>,i=4096
/// C: c=biws,r=<both nonces>,p=<proof>
/// S: v=<server signature>
/// ```
/// Channel binding (RFC 5802 section 6): without -PLUS, `n` is accepted and `y` is accepted
/// unless this connection offers binding data (then the client was downgraded and is
/// refused); `p=` needs the -PLUS variant and matching ``ChannelBinding`` data from the caller.
public struct SCRAMMechanism: SASLServerMechanism {
    private struct ClientFirst: Hashable {
        var gs2Header: String
        var bare: String
        var clientNonce: String
        var identity: SASLIdentity
    }

    private enum State: Hashable {
        case initial
        case awaitingClientFirst
        case awaitingCredentials(ClientFirst)
        case awaitingClientFinal(ClientFirst, SCRAMCredentials, serverFirst: String, nonce: String, usable: Bool)
        case done
    }

    private var state = State.initial
    private let algorithm: SCRAMAlgorithm
    private let channelBinding: ChannelBinding?
    private let plus: Bool
    private let serverNonce: String

    /// Creates the mechanism.
    /// - Parameters:
    ///   - algorithm: SHA-1 or SHA-256.
    ///   - channelBinding: this connection's TLS binding data, when it offers any.
    ///   - plus: run SCRAM-…-PLUS, which requires the client to bind to `channelBinding`.
    ///   - serverNonce: a fixed server nonce part (tests); `nil` generates 18 random bytes.
    public init(
        algorithm: SCRAMAlgorithm,
        channelBinding: ChannelBinding? = nil,
        plus: Bool = false,
        serverNonce: String? = nil
    ) {
        precondition(!plus || channelBinding != nil, "SCRAM-PLUS needs channel binding data")
        self.algorithm = algorithm
        self.channelBinding = channelBinding
        self.plus = plus
        self.serverNonce = serverNonce ?? ByteEncoding.base64(ByteEncoding.randomBytes(18))
    }

    public var name: SASLMechanismName {
        switch (algorithm, plus) {
        case (.sha256, false): .scramSHA256
        case (.sha256, true): .scramSHA256Plus
        case (.sha1, false): .scramSHA1
        case (.sha1, true): .scramSHA1Plus
        }
    }

    public mutating func start(initialResponse: [UInt8]?) -> SASLStep {
        precondition(state == .initial, "start called twice")
        guard let initialResponse, !initialResponse.isEmpty else {
            state = .awaitingClientFirst
            return .challenge([])
        }
        return clientFirst(initialResponse)
    }

    public mutating func receive(_ response: [UInt8]) -> SASLStep {
        switch state {
        case .awaitingClientFirst: return clientFirst(response)
        case .awaitingClientFinal(let first, let credentials, let serverFirst, let nonce, let usable):
            return clientFinal(
                response,
                first: first,
                credentials: credentials,
                serverFirst: serverFirst,
                nonce: nonce,
                usable: usable
            )
        default: preconditionFailure("SCRAM received a response it did not ask for")
        }
    }

    /// Takes the user's SCRAM credentials. Without usable ones (unknown user, another scheme)
    /// the exchange goes on with random credentials and fails at the proof, so a client cannot
    /// tell an unknown user from a wrong password (RFC 5802 section 5.1).
    public mutating func provide(_ credentials: SASLCredentials?) -> SASLStep {
        guard case .awaitingCredentials(let first) = state else {
            preconditionFailure("SCRAM got credentials it did not ask for")
        }
        let scram: SCRAMCredentials
        let usable: Bool
        if case .scram(let real) = credentials, real.algorithm == algorithm {
            scram = real
            usable = true
        } else {
            scram = SCRAMCredentials(
                algorithm: algorithm,
                iterations: 4096,
                salt: ByteEncoding.randomBytes(16),
                storedKey: ByteEncoding.randomBytes(algorithm.digestLength),
                serverKey: ByteEncoding.randomBytes(algorithm.digestLength)
            )
            usable = false
        }
        let nonce = first.clientNonce + serverNonce
        let serverFirst = "r=\(nonce),s=\(ByteEncoding.base64(scram.salt)),i=\(scram.iterations)"
        state = .awaitingClientFinal(first, scram, serverFirst: serverFirst, nonce: nonce, usable: usable)
        return .challenge(Array(serverFirst.utf8))
    }

    // MARK: - Messages

    /// client-first-message = gs2-header client-first-message-bare
    /// gs2-header = gs2-cbind-flag "," [ authzid ] ","
    private mutating func clientFirst(_ bytes: [UInt8]) -> SASLStep {
        state = .done
        guard let text = String(validating: bytes, as: UTF8.self) else { return fail("client-first is not UTF-8") }
        let parts = text.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return fail("client-first has no gs2 header") }
        if let refusal = checkBindingFlag(parts[0]) { return refusal }
        var authzid: String?
        if !parts[1].isEmpty {
            guard parts[1].hasPrefix("a="), let decoded = SCRAMAttributes.decodeSaslName(String(parts[1].dropFirst(2)))
            else {
                return fail("bad authzid")
            }
            authzid = decoded
        }
        let bare = parts[2]
        guard let attributes = SCRAMAttributes(bare), attributes.pairs.count >= 2 else {
            return fail("client-first-message-bare is malformed")
        }
        guard attributes.pairs[0].name != "m" else {
            return .failure(SASLFailure(.notPermitted, "mandatory extension not supported"))
        }
        guard attributes.pairs[0].name == "n", let username = SCRAMAttributes.decodeSaslName(attributes.pairs[0].value)
        else {
            return fail("bad username attribute")
        }
        guard attributes.pairs[1].name == "r", SCRAMAttributes.isValidNonce(attributes.pairs[1].value) else {
            return fail("bad client nonce")
        }
        let identity = SASLIdentity(authenticationID: username, authorizationID: authzid)
        let gs2Header = "\(parts[0]),\(parts[1]),"
        state = .awaitingCredentials(
            ClientFirst(
                gs2Header: gs2Header,
                bare: String(bare),
                clientNonce: attributes.pairs[1].value,
                identity: identity
            )
        )
        return .needCredentials(identity, .scram(algorithm))
    }

    /// client-final-message = channel-binding "," nonce ["," extensions] "," proof
    private mutating func clientFinal(
        _ bytes: [UInt8],
        first: ClientFirst,
        credentials: SCRAMCredentials,
        serverFirst: String,
        nonce: String,
        usable: Bool
    ) -> SASLStep {
        state = .done
        guard let text = String(validating: bytes, as: UTF8.self),
            let proofStart = text.range(of: ",p=", options: .backwards),
            let attributes = SCRAMAttributes(text[...]),
            attributes.pairs.count >= 3,
            attributes.pairs.last?.name == "p"
        else { return fail("client-final is malformed") }
        guard attributes.pairs[0].name == "c", let binding = ByteEncoding.fromBase64(attributes.pairs[0].value) else {
            return fail("bad channel binding attribute")
        }
        var expectedBinding = Array(first.gs2Header.utf8)
        if first.gs2Header.hasPrefix("p="), let channelBinding { expectedBinding += channelBinding.data }
        guard ByteEncoding.constantTimeEquals(binding, expectedBinding) else {
            return .failure(SASLFailure(.notPermitted, "channel binding data does not match"))
        }
        guard attributes.pairs[1].name == "r", attributes.pairs[1].value == nonce else {
            return .failure(SASLFailure(.malformed, "nonce does not match"))
        }
        guard let proof = ByteEncoding.fromBase64(attributes.pairs.last!.value), proof.count == algorithm.digestLength
        else {
            return fail("bad proof attribute")
        }
        let withoutProof = text[..<proofStart.lowerBound]
        let authMessage = Array("\(first.bare),\(serverFirst),\(withoutProof)".utf8)
        let clientSignature = algorithm.hmac(key: credentials.storedKey, authMessage)
        let clientKey = zip(proof, clientSignature).map { $0 ^ $1 }
        guard ByteEncoding.constantTimeEquals(algorithm.hash(clientKey), credentials.storedKey), usable else {
            let detail = usable ? "SCRAM proof does not match" : "no \(name.rawValue) credentials for user"
            return .failure(SASLFailure(.invalidCredentials, detail))
        }
        let serverSignature = algorithm.hmac(key: credentials.serverKey, authMessage)
        return .success(first.identity, serverFinal: Array("v=\(ByteEncoding.base64(serverSignature))".utf8))
    }

    /// RFC 5802 section 6: `p=` only with a -PLUS mechanism and matching binding data; `n`
    /// and `y` only without -PLUS, and `y` is a downgrade when this connection offers binding.
    private func checkBindingFlag(_ flag: Substring) -> SASLStep? {
        switch flag {
        case "n", "y":
            if plus {
                return .failure(SASLFailure(.notPermitted, "\(name.rawValue) requires channel binding"))
            }
            if flag == "y", channelBinding != nil {
                return .failure(
                    SASLFailure(.notPermitted, "client claims no channel binding support while the server offers it")
                )
            }
            return nil
        default:
            guard flag.hasPrefix("p=") else { return fail("bad channel binding flag") }
            guard plus else {
                return .failure(SASLFailure(.notPermitted, "channel binding requested without a -PLUS mechanism"))
            }
            guard let channelBinding, channelBinding.type == flag.dropFirst(2) else {
                return .failure(SASLFailure(.notPermitted, "channel binding \(flag.dropFirst(2)) is not available"))
            }
            return nil
        }
    }

    private func fail(_ detail: String) -> SASLStep {
        .failure(SASLFailure(.malformed, "\(name.rawValue): \(detail)"))
    }
}
