import Testing

@testable import Auth

@Suite("PLAIN and LOGIN")
struct PlainLoginMechanismTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("RFC 4616 section 4 examples")
    func rfc4616() {
        var plain = PlainMechanism()
        #expect(
            plain.start(initialResponse: bytes("\u{0}tim\u{0}tanstaaftanstaaf"))
                == .verifyPassword(SASLIdentity(authenticationID: "tim"), SASLSecret("tanstaaftanstaaf"))
        )
        var withAuthz = PlainMechanism()
        #expect(withAuthz.start(initialResponse: nil) == .challenge([]))
        #expect(
            withAuthz.receive(bytes("Ursel\u{0}Kurt\u{0}xipj3plmq"))
                == .verifyPassword(
                    SASLIdentity(authenticationID: "Kurt", authorizationID: "Ursel"),
                    SASLSecret("xipj3plmq")
                )
        )
    }

    @Test(
        "malformed PLAIN messages fail cleanly",
        arguments: [
            "tim\u{0}secret", "\u{0}\u{0}secret", "\u{0}tim\u{0}", "a\u{0}b\u{0}c\u{0}d", "",
            "\u{0}" + String(repeating: "x", count: 256) + "\u{0}pw",
        ]
    )
    func malformedPlain(message: String) {
        var plain = PlainMechanism()
        guard case .failure(let failure) = plain.start(initialResponse: bytes(message)) else {
            Issue.record("expected failure")
            return
        }
        #expect(failure.kind == .malformed)
    }

    @Test("PLAIN rejects invalid UTF-8")
    func plainUTF8() {
        var plain = PlainMechanism()
        guard case .failure = plain.start(initialResponse: [0, 0x74, 0, 0xFF, 0xFE]) else {
            Issue.record("expected failure")
            return
        }
    }

    @Test("LOGIN asks Username: then Password:")
    func login() {
        var login = LoginMechanism()
        #expect(login.start(initialResponse: nil) == .challenge(bytes("Username:")))
        #expect(login.receive(bytes("tim")) == .challenge(bytes("Password:")))
        #expect(
            login.receive(bytes("tanstaaf"))
                == .verifyPassword(SASLIdentity(authenticationID: "tim"), SASLSecret("tanstaaf"))
        )

        var initial = LoginMechanism()
        #expect(initial.start(initialResponse: bytes("tim")) == .challenge(bytes("Password:")))
        guard case .failure = initial.receive([]) else {
            Issue.record("empty password must fail")
            return
        }
    }

    @Test("secrets never print")
    func redacted() {
        let step = SASLStep.verifyPassword(SASLIdentity(authenticationID: "tim"), SASLSecret("hunter2"))
        #expect(!"\(step)".contains("hunter2"))
        #expect(!String(reflecting: step).contains("hunter2"))
    }
}
