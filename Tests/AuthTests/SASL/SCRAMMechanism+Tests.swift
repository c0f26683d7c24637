import Testing

@testable import Auth

@Suite("SCRAM")
struct SCRAMMechanismTests {
    struct Vector: Sendable, CustomStringConvertible {
        var algorithm: SCRAMAlgorithm
        var salt: String
        var serverNonce: String
        var clientFirst: String
        var serverFirst: String
        var clientFinal: String
        var serverFinal: String
        var description: String { algorithm.rawValue }
    }

    /// RFC 5802 section 5 and RFC 7677 section 3 (user "user", password "pencil").
    static let vectors = [
        Vector(
            algorithm: .sha1,
            salt: "QSXCR+Q6sek8bf92",
            serverNonce: "3rfcNHYJY1ZVvWVs7j",
            clientFirst: "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL",
            serverFirst: "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
            clientFinal: "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
            serverFinal: "v=rmF9pqV8S7suAoZWja4dJRkFsKQ="
        ),
        Vector(
            algorithm: .sha256,
            salt: "W22ZaJ0SNY7soEsUEjb6gQ==",
            serverNonce: "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0",
            clientFirst: "n,,n=user,r=rOprNGfwEbeRWgbNEkqO",
            serverFirst: "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
            clientFinal:
                "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
            serverFinal: "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="
        ),
    ]

    private static func credentials(_ vector: Vector, password: String = "pencil") -> SASLCredentials {
        .scram(
            SCRAMCredentials(
                password: password,
                algorithm: vector.algorithm,
                salt: ByteEncoding.fromBase64(vector.salt)!,
                iterations: 4096
            )
        )
    }

    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("RFC example exchange", arguments: vectors)
    func rfcExchange(vector: Vector) {
        var mechanism = SCRAMMechanism(algorithm: vector.algorithm, serverNonce: vector.serverNonce)
        #expect(
            mechanism.start(initialResponse: bytes(vector.clientFirst))
                == .needCredentials(SASLIdentity(authenticationID: "user"), .scram(vector.algorithm))
        )
        #expect(mechanism.provide(Self.credentials(vector)) == .challenge(bytes(vector.serverFirst)))
        #expect(
            mechanism.receive(bytes(vector.clientFinal))
                == .success(SASLIdentity(authenticationID: "user"), serverFinal: bytes(vector.serverFinal))
        )
    }

    @Test("RFC example with the wrong stored password fails", arguments: vectors)
    func wrongPassword(vector: Vector) {
        var mechanism = SCRAMMechanism(algorithm: vector.algorithm, serverNonce: vector.serverNonce)
        _ = mechanism.start(initialResponse: nil)
        _ = mechanism.receive(bytes(vector.clientFirst))
        _ = mechanism.provide(Self.credentials(vector, password: "pen"))
        guard case .failure(let failure) = mechanism.receive(bytes(vector.clientFinal)) else {
            Issue.record("accepted a proof for another password")
            return
        }
        #expect(failure.kind == .invalidCredentials)
    }

    @Test("an unknown user gets a normal-looking server-first and fails at the proof", arguments: vectors)
    func unknownUser(vector: Vector) {
        var mechanism = SCRAMMechanism(algorithm: vector.algorithm, serverNonce: vector.serverNonce)
        _ = mechanism.start(initialResponse: bytes(vector.clientFirst))
        guard case .challenge(let serverFirst) = mechanism.provide(nil) else {
            Issue.record("no server-first for an unknown user")
            return
        }
        let text = String(decoding: serverFirst, as: UTF8.self)
        #expect(text.hasPrefix("r=\(vector.serverFirst.dropFirst(2).prefix(while: { $0 != "," })),s="))
        #expect(text.hasSuffix(",i=4096"))
        guard case .failure(let failure) = mechanism.receive(bytes(vector.clientFinal)) else {
            Issue.record("unknown user accepted")
            return
        }
        #expect(failure.kind == .invalidCredentials)
    }

    @Test("stored Dovecot SCRAM hash serves the exchange")
    func storedCredentials() throws {
        let vector = Self.vectors[1]
        guard case .scram(let derived) = Self.credentials(vector) else { return }
        let stored = try StoredPassword(parsing: "{SCRAM-SHA-256}" + derived.payload, defaultScheme: .init(.plain))
        let parsed = try #require(SCRAMCredentials(payload: stored.payload, algorithm: .sha256))
        #expect(parsed == derived)
        #expect(PasswordHasher.verify(password: "pencil", stored: stored))
    }

    @Test(
        "malformed client-first messages fail cleanly",
        arguments: [
            "", "n", "n,", "x,,n=user,r=abc", "n,,r=abc,n=user", "n,,n=,r=abc", "n,,n=us=er,r=abc", "n,,n=user",
            "n,,n=user,r=", "n,,n=user,r=a,b", "n,a=,n=user,r=abc", "n,,m=ext,n=user,r=abc",
            "p=tls-unique,,n=user,r=abc",
        ]
    )
    func malformedClientFirst(message: String) {
        var mechanism = SCRAMMechanism(algorithm: .sha256)
        _ = mechanism.start(initialResponse: nil)
        guard case .failure = mechanism.receive(bytes(message)) else {
            Issue.record("\(message) accepted")
            return
        }
    }

    @Test(
        "malformed client-final messages fail cleanly",
        arguments: [
            "", "c=biws", "c=biws,r=WRONG,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
            "c=eSws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=!!",
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0",
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,c=biws,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
        ]
    )
    func malformedClientFinal(message: String) {
        let vector = Self.vectors[1]
        var mechanism = SCRAMMechanism(algorithm: .sha256, serverNonce: vector.serverNonce)
        _ = mechanism.start(initialResponse: bytes(vector.clientFirst))
        _ = mechanism.provide(Self.credentials(vector))
        guard case .failure = mechanism.receive(bytes(message)) else {
            Issue.record("\(message) accepted")
            return
        }
    }

    @Test("channel binding flags: n and y pass, y is refused when binding is offered, p needs -PLUS and its type")
    func channelBinding() {
        let binding = ChannelBinding(type: "tls-server-end-point", data: [1, 2, 3])
        var yes = SCRAMMechanism(algorithm: .sha256)
        #expect(
            yes.start(initialResponse: bytes("y,,n=user,r=abc"))
                == .needCredentials(SASLIdentity(authenticationID: "user"), .scram(.sha256))
        )
        var downgraded = SCRAMMechanism(algorithm: .sha256, channelBinding: binding)
        guard case .failure(let failure) = downgraded.start(initialResponse: bytes("y,,n=user,r=abc")) else {
            Issue.record("downgrade accepted")
            return
        }
        #expect(failure.kind == .notPermitted)
        var wrongType = SCRAMMechanism(algorithm: .sha256, channelBinding: binding, plus: true)
        guard case .failure = wrongType.start(initialResponse: bytes("p=tls-unique,,n=user,r=abc")) else {
            Issue.record("unknown binding type accepted")
            return
        }
        var notPlus = SCRAMMechanism(algorithm: .sha256, channelBinding: binding)
        guard case .failure = notPlus.start(initialResponse: bytes("p=tls-server-end-point,,n=user,r=abc")) else {
            Issue.record("p= accepted by a non-PLUS mechanism")
            return
        }
        var plusWithoutBinding = SCRAMMechanism(algorithm: .sha256, channelBinding: binding, plus: true)
        guard case .failure = plusWithoutBinding.start(initialResponse: bytes("n,,n=user,r=abc")) else {
            Issue.record("-PLUS accepted a client that does not bind")
            return
        }
        #expect(plusWithoutBinding.name == .scramSHA256Plus)
    }

    @Test("channel binding p= completes with the right data and fails with other data")
    func channelBindingPlus() {
        let binding = ChannelBinding(type: "tls-server-end-point", data: [1, 2, 3])
        let credentials = SCRAMCredentials(
            password: "pencil",
            algorithm: .sha256,
            salt: [9, 9, 9, 9],
            iterations: 4096
        )
        for (cbData, accepted) in [([UInt8]([1, 2, 3]), true), ([UInt8]([1, 2, 4]), false)] {
            var mechanism = SCRAMMechanism(algorithm: .sha256, channelBinding: binding, plus: true, serverNonce: "SRV")
            let gs2 = "p=tls-server-end-point,,"
            let bare = "n=user,r=CLI"
            _ = mechanism.start(initialResponse: bytes(gs2 + bare))
            guard case .challenge(let serverFirst) = mechanism.provide(.scram(credentials)) else {
                Issue.record("no server-first")
                return
            }
            let withoutProof = "c=\(ByteEncoding.base64(Array(gs2.utf8) + cbData)),r=CLISRV"
            let authMessage = Array("\(bare),\(String(decoding: serverFirst, as: UTF8.self)),\(withoutProof)".utf8)
            let salted = SCRAMAlgorithm.sha256.saltedPassword(
                Array("pencil".utf8),
                salt: [9, 9, 9, 9],
                iterations: 4096
            )
            let clientKey = SCRAMAlgorithm.sha256.hmac(key: salted, Array("Client Key".utf8))
            let signature = SCRAMAlgorithm.sha256.hmac(key: credentials.storedKey, authMessage)
            let proof = zip(clientKey, signature).map { $0 ^ $1 }
            let step = mechanism.receive(bytes("\(withoutProof),p=\(ByteEncoding.base64(proof))"))
            if accepted {
                guard case .success = step else {
                    Issue.record("binding with right data refused")
                    return
                }
            } else {
                guard case .failure(let failure) = step else {
                    Issue.record("binding with wrong data accepted")
                    return
                }
                #expect(failure.kind == .notPermitted)
            }
        }
    }

    @Test("saslname escapes and authzid")
    func saslNames() {
        #expect(SCRAMAttributes.decodeSaslName("a=2Cb=3Dc") == "a,b=c")
        #expect(SCRAMAttributes.decodeSaslName("a=2") == nil)
        var mechanism = SCRAMMechanism(algorithm: .sha1)
        #expect(
            mechanism.start(initialResponse: bytes("n,a=ad=3Dmin,n=us=2Cer,r=abc"))
                == .needCredentials(SASLIdentity(authenticationID: "us,er", authorizationID: "ad=min"), .scram(.sha1))
        )
    }
}
