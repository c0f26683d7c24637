import Testing

@testable import Auth

@Suite("CRAM-MD5")
struct CRAMMD5MechanismTests {
    static let challenge = "<1896.697170952@postoffice.reston.mci.net>"

    @Test("RFC 2195 example with a context from the plaintext and from the stored hash")
    func rfc2195() throws {
        let stored = try PasswordHasher.hash(password: "tanstaaftanstaaf", format: .init(.cramMD5))
        let context = try #require(ByteEncoding.fromHex(String(stored.dropFirst("{CRAM-MD5}".count))))
        var mechanism = CRAMMD5Mechanism(hostname: "x", challenge: Self.challenge)
        #expect(mechanism.start(initialResponse: nil) == .challenge(Array(Self.challenge.utf8)))
        #expect(
            mechanism.receive(Array("tim b913a602c7eda7a495b4e6e7334d3890".utf8))
                == .needCredentials(SASLIdentity(authenticationID: "tim"), .cramMD5)
        )
        #expect(
            mechanism.provide(.cramMD5(context)) == .success(SASLIdentity(authenticationID: "tim"), serverFinal: nil)
        )
    }

    @Test("a wrong digest, a missing credential and malformed responses fail")
    func failures() throws {
        let context = CryptPrimitives.cramMD5Context(secret: Array("tanstaaftanstaaf".utf8))
        var wrong = CRAMMD5Mechanism(hostname: "x", challenge: Self.challenge)
        _ = wrong.start(initialResponse: nil)
        _ = wrong.receive(Array("tim b913a602c7eda7a495b4e6e7334d3891".utf8))
        guard case .failure(let failure) = wrong.provide(.cramMD5(context)) else {
            Issue.record("wrong digest accepted")
            return
        }
        #expect(failure.kind == .invalidCredentials)

        var unknown = CRAMMD5Mechanism(hostname: "x", challenge: Self.challenge)
        _ = unknown.start(initialResponse: nil)
        _ = unknown.receive(Array("tim b913a602c7eda7a495b4e6e7334d3890".utf8))
        guard case .failure = unknown.provide(nil) else {
            Issue.record("missing credentials accepted")
            return
        }

        for bad in ["tim", "tim zz13a602c7eda7a495b4e6e7334d3890", " b913a602c7eda7a495b4e6e7334d3890", "tim b913"] {
            var mechanism = CRAMMD5Mechanism(hostname: "x", challenge: Self.challenge)
            _ = mechanism.start(initialResponse: nil)
            guard case .failure(let failure) = mechanism.receive(Array(bad.utf8)) else {
                Issue.record("\(bad) accepted")
                continue
            }
            #expect(failure.kind == .malformed)
        }
    }

    @Test("generated challenges are unique and name the host")
    func generated() {
        var first = CRAMMD5Mechanism(hostname: "mail.example.org")
        var second = CRAMMD5Mechanism(hostname: "mail.example.org")
        guard case .challenge(let a) = first.start(initialResponse: nil),
            case .challenge(let b) = second.start(initialResponse: nil)
        else {
            Issue.record("no challenge")
            return
        }
        #expect(a != b)
        #expect(String(decoding: a, as: UTF8.self).hasSuffix("@mail.example.org>"))
    }
}
