import Testing

@testable import SMTPGrammar

@Suite("SMTPMailbox")
struct SMTPMailboxTests {
    @Test(
        "bare mailboxes parse to their canonical form",
        arguments: [
            ("user@example.org", "user@example.org"),
            ("first.last@sub.example.org", "first.last@sub.example.org"),
            (#""john doe"@example.org"#, #""john doe"@example.org"#),
            (#""plain"@example.org"#, "plain@example.org"),
            (#""a\b"@example.org"#, "ab@example.org"),
            (#""@"@example.org"#, #""@"@example.org"#),
            ("\"\"@example.org", "\"\"@example.org"),
            ("u@[192.0.2.1]", "u@[192.0.2.1]"),
            ("u@[IPv6:2001:db8:1:2:3:4:5:6]", "u@[IPv6:2001:db8:1:2:3:4:5:6]"),
            ("u@[IPv6:2001:db8:1:2:3:4:192.0.2.1]", "u@[IPv6:2001:db8:1:2:3:4:192.0.2.1]"),
            ("u@[ipv6:::1]", "u@[IPv6:::1]"),
            ("u@[IPv6:1::]", "u@[IPv6:1::]"),
            ("u@xn--bcher-kva.example", "u@xn--bcher-kva.example"),
            ("u@1.2.3.4.example", "u@1.2.3.4.example"),
        ]
    )
    func canonical(_ text: String, _ canonical: String) throws {
        let mailbox = try SMTPMailbox(parsing: text)
        #expect(mailbox.description == canonical)
        #expect(try SMTPMailbox(parsing: canonical) == mailbox)
        #expect(!mailbox.isInternationalized)
    }

    @Test("UTF-8 only with SMTPUTF8", arguments: ["jörg@example.org", "user@bücher.example", "用户@例子.广告"])
    func utf8(_ text: String) throws {
        #expect(throws: SMTPCommandError(.nonASCIIAddress, "UTF-8 address without SMTPUTF8")) {
            try SMTPMailbox(parsing: text)
        }
        let mailbox = try SMTPMailbox(parsing: text, utf8: true)
        #expect(mailbox.isInternationalized)
        #expect(mailbox.description == text)
    }

    @Test(
        "length limits: local part 64, domain 255, path 256",
        arguments: [
            (String(repeating: "a", count: 64) + "@x.example", true),
            (String(repeating: "a", count: 65) + "@x.example", false),
            ("a@" + Array(repeating: String(repeating: "d", count: 63), count: 4).joined(separator: "."), true),
            ("a@" + Array(repeating: String(repeating: "d", count: 63), count: 4).joined(separator: ".") + "d", false),
            ("a@" + String(repeating: "d", count: 64) + ".example", false),
        ]
    )
    func limits(_ text: String, _ valid: Bool) {
        #expect((try? SMTPMailbox(parsing: text)) != nil || !valid)
        #expect((try? SMTPMailbox(parsing: text)) == nil || valid)
    }

    @Test("a path over 256 octets is refused even when its parts are within their limits")
    func pathLimit() {
        let local = String(repeating: "l", count: 64)
        let domain = Array(repeating: String(repeating: "d", count: 60), count: 4).joined(separator: ".")  // 243
        let line = "RCPT TO:<\(local)@\(domain)>"  // path = 1 + 64 + 1 + 243 + 1 = 310
        #expect(throws: SMTPCommandError(.pathTooLong, "path longer than 256 octets")) {
            try SMTPCommandParser().parse(Array(line.utf8))
        }
    }
}
