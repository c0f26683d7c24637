import ColumbaBench
import SMTPGrammar
import Testing

@Suite("LMTP reply checks")
struct LMTPReplyChecksTests {
    static let capabilities = SMTPReply(code: 250, lines: ["mx", "PIPELINING", "ENHANCEDSTATUSCODES", "SIZE 1000"])

    @Test("LHLO: 250 with PIPELINING and ENHANCEDSTATUSCODES, SIZE large enough")
    func lhlo() throws {
        let capabilities = try LMTPReplyChecks.lhlo(Self.capabilities, largestMessage: 1000)
        #expect(capabilities.supports("PIPELINING"))
        #expect(throws: CheckFailure("the server's SIZE 1000 is below the largest message (1001 octets)")) {
            try LMTPReplyChecks.lhlo(Self.capabilities, largestMessage: 1001)
        }
        #expect(throws: CheckFailure("LHLO's reply does not list ENHANCEDSTATUSCODES")) {
            try LMTPReplyChecks.lhlo(SMTPReply(code: 250, lines: ["mx", "PIPELINING"]), largestMessage: 1)
        }
        #expect(throws: CheckFailure("LHLO answered 500 5.5.1 no, not 250")) {
            try LMTPReplyChecks.lhlo(SMTPReply(code: 500, enhancedStatus: .init(5, 5, 1), text: "no"), largestMessage: 1)
        }
    }

    @Test("command replies need their code and an enhanced status code of its class", arguments: [
        (250, SMTPReply(code: 250, enhancedStatus: .init(2, 1, 5), text: "Ok"), nil),
        (354, SMTPReply(code: 354, text: "Go ahead"), nil),
        (250, SMTPReply(code: 250, text: "Ok"), "RCPT answered 250 Ok without an enhanced status code of class 2"),
        (250, SMTPReply(code: 550, enhancedStatus: .init(5, 1, 1), text: "unknown"), "RCPT answered 550 5.1.1 unknown, expected 250"),
        (354, SMTPReply(code: 250, enhancedStatus: .init(2, 0, 0), text: "Ok"), "RCPT answered 250 2.0.0 Ok, expected 354"),
    ] as [(Int, SMTPReply, String?)])
    func commandReplies(code: Int, reply: SMTPReply, failure: String?) {
        if let failure {
            #expect(throws: CheckFailure(failure)) { try LMTPReplyChecks.expect(code, reply, to: "RCPT") }
        } else {
            #expect(throws: Never.self) { try LMTPReplyChecks.expect(code, reply, to: "RCPT") }
        }
    }

    @Test("per-recipient replies after the data must be 2xx")
    func delivered() {
        #expect(throws: Never.self) {
            try LMTPReplyChecks.delivered(SMTPReply(code: 250, enhancedStatus: .init(2, 0, 0), text: "Saved"), recipient: "a@b")
        }
        #expect(throws: CheckFailure("delivery to <a@b> answered 452 4.2.2 Mailbox full, expected 2xx")) {
            try LMTPReplyChecks.delivered(SMTPReply(code: 452, enhancedStatus: .init(4, 2, 2), text: "Mailbox full"), recipient: "a@b")
        }
    }

    @Test("greeting 220, QUIT 221")
    func greetingAndQuit() {
        #expect(throws: Never.self) { try LMTPReplyChecks.greeting(SMTPReply(code: 220, text: "ready")) }
        #expect(throws: CheckFailure.self) { try LMTPReplyChecks.greeting(SMTPReply(code: 421, text: "busy")) }
        #expect(throws: Never.self) { try LMTPReplyChecks.quit(SMTPReply(code: 221, enhancedStatus: .init(2, 0, 0), text: "Bye")) }
        #expect(throws: CheckFailure.self) { try LMTPReplyChecks.quit(SMTPReply(code: 250, text: "Ok")) }
    }
}
