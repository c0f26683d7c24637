import NIOCore
import Testing

@testable import SMTPGrammar

private func mailbox(_ local: String, _ domain: String) -> SMTPMailbox {
    SMTPMailbox(localPart: local, host: .domain(domain))
}

private struct ParseCase: Sendable, CustomTestStringConvertible {
    var wire: String
    var command: SMTPCommand
    var utf8Addresses = false
    var testDescription: String { self.wire.visible }
}

private struct EncodeCase: Sendable, CustomTestStringConvertible {
    var command: SMTPCommand
    var wire: String
    var testDescription: String { self.wire.visible }
}

private struct LenientCase: Sendable, CustomTestStringConvertible {
    var wire: String
    var command: SMTPCommand
    var deviations: Set<SMTPDeviation>
    var strictError: SMTPCommandError.Kind
    var testDescription: String { self.wire.visible }
}

private let alice = mailbox("alice", "example.org")
private let bob = mailbox("bob", "example.org")

private let parseCases: [ParseCase] = [
    .init(wire: "HELO mx.example.org", command: .helo("mx.example.org")),
    .init(wire: "ehlo [192.0.2.1]", command: .ehlo("[192.0.2.1]")),
    .init(wire: "EHLO [IPv6:2001:db8::1]", command: .ehlo("[IPv6:2001:db8::1]")),
    .init(wire: "LHLO localhost", command: .lhlo("localhost")),
    .init(wire: "MAIL FROM:<>", command: .mail(.init(reversePath: .null))),
    .init(wire: "MAIL FROM:<alice@example.org>", command: .mail(.init(reversePath: .mailbox(alice)))),
    .init(
        wire: "MAIL FROM:<alice@example.org> SIZE=1024 BODY=8BITMIME",
        command: .mail(.init(reversePath: .mailbox(alice), parameters: .init(size: 1024, body: .eightBitMIME)))
    ),
    .init(
        wire: "mail from:<alice@example.org> smtputf8 ret=hdrs envid=QQ+2B314 auth=<> body=binarymime",
        command: .mail(
            .init(
                reversePath: .mailbox(alice),
                parameters: .init(
                    body: .binaryMIME,
                    smtpUTF8: true,
                    dsnReturn: .headers,
                    envelopeID: "QQ+314",
                    auth: .unknown
                )
            )
        )
    ),
    .init(
        wire: "MAIL FROM:<alice@example.org> AUTH=alice+40example.org RET=FULL BODY=7BIT",
        command: .mail(
            .init(
                reversePath: .mailbox(alice),
                parameters: .init(body: .sevenBit, dsnReturn: .full, auth: .identity("alice@example.org"))
            )
        )
    ),
    .init(
        wire: "MAIL FROM:<@relay.example,@b.example:alice@example.org>",
        command: .mail(.init(reversePath: .mailbox(alice)))
    ),
    .init(
        wire: #"MAIL FROM:<"john doe"@example.org>"#,
        command: .mail(.init(reversePath: .mailbox(mailbox("john doe", "example.org"))))
    ),
    .init(
        wire: #"MAIL FROM:<"a\"b\\c"@example.org>"#,
        command: .mail(.init(reversePath: .mailbox(mailbox(#"a"b\c"#, "example.org"))))
    ),
    .init(
        wire: #"MAIL FROM:<"john\ doe"@example.org>"#,
        command: .mail(.init(reversePath: .mailbox(mailbox("john doe", "example.org"))))
    ),
    .init(
        wire: "MAIL FROM:<jörg@exämple.org> SMTPUTF8",
        command: .mail(.init(reversePath: .mailbox(mailbox("jörg", "exämple.org")), parameters: .init(smtpUTF8: true)))
    ),
    .init(
        wire: "MAIL FROM:<a.b-c+tag!#$%&'*/=?^_`{|}~@sub-1.example.org>",
        command: .mail(.init(reversePath: .mailbox(mailbox("a.b-c+tag!#$%&'*/=?^_`{|}~", "sub-1.example.org"))))
    ),
    .init(wire: "RCPT TO:<Postmaster>", command: .rcpt(.init(forwardPath: .postmaster))),
    .init(wire: "rcpt to:<POSTMASTER>", command: .rcpt(.init(forwardPath: .postmaster))),
    .init(
        wire: "RCPT TO:<postmaster@example.org>",
        command: .rcpt(.init(forwardPath: .mailbox(mailbox("postmaster", "example.org"))))
    ),
    .init(
        wire: "RCPT TO:<bob@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob+2Bx@example.org",
        command: .rcpt(
            .init(
                forwardPath: .mailbox(bob),
                parameters: .init(
                    notify: .on([.success, .failure]),
                    originalRecipient: .init(addressType: "rfc822", address: "bob+x@example.org")
                )
            )
        )
    ),
    .init(
        wire: "RCPT TO:<bob@example.org> NOTIFY=never x-foo=bar XYZ",
        command: .rcpt(
            .init(
                forwardPath: .mailbox(bob),
                parameters: .init(
                    notify: .never,
                    others: [.init(keyword: "X-FOO", value: "bar"), .init(keyword: "XYZ")]
                )
            )
        )
    ),
    .init(
        wire: "RCPT TO:<bob@[192.0.2.1]>",
        command: .rcpt(
            .init(forwardPath: .mailbox(.init(localPart: "bob", host: .addressLiteral(.ipv4([192, 0, 2, 1])))))
        )
    ),
    .init(
        wire: "RCPT TO:<bob@[IPv6:2001:db8::1]>",
        command: .rcpt(
            .init(forwardPath: .mailbox(.init(localPart: "bob", host: .addressLiteral(.ipv6("2001:db8::1")))))
        )
    ),
    .init(
        wire: "RCPT TO:<bob@[IPv6:::ffff:192.0.2.1]>",
        command: .rcpt(
            .init(forwardPath: .mailbox(.init(localPart: "bob", host: .addressLiteral(.ipv6("::ffff:192.0.2.1")))))
        )
    ),
    .init(
        wire: "RCPT TO:<bob@[IPv6:2001:db8:0:0:0:0:0:1]>",
        command: .rcpt(
            .init(forwardPath: .mailbox(.init(localPart: "bob", host: .addressLiteral(.ipv6("2001:db8:0:0:0:0:0:1")))))
        )
    ),
    .init(
        wire: "RCPT TO:<bob@[x-tag:any-content]>",
        command: .rcpt(
            .init(
                forwardPath: .mailbox(
                    .init(localPart: "bob", host: .addressLiteral(.general(tag: "x-tag", content: "any-content")))
                )
            )
        )
    ),
    .init(
        wire: "RCPT TO:<δοκιμή@παράδειγμα.δοκιμή>",
        command: .rcpt(.init(forwardPath: .mailbox(mailbox("δοκιμή", "παράδειγμα.δοκιμή")))),
        utf8Addresses: true
    ),
    .init(wire: "DATA", command: .data),
    .init(wire: "data", command: .data),
    .init(wire: "BDAT 1000", command: .bdat(size: 1000, last: false)),
    .init(wire: "BDAT 0 LAST", command: .bdat(size: 0, last: true)),
    .init(wire: "bdat 12 last", command: .bdat(size: 12, last: true)),
    .init(wire: "RSET", command: .rset),
    .init(wire: "NOOP", command: .noop(nil)),
    .init(wire: "NOOP hello there", command: .noop("hello there")),
    .init(wire: "QUIT", command: .quit),
    .init(wire: "VRFY bob", command: .vrfy("bob")),
    .init(wire: "HELP", command: .help(nil)),
    .init(wire: "HELP MAIL", command: .help("MAIL")),
    .init(wire: "STARTTLS", command: .startTLS),
    .init(wire: "AUTH PLAIN", command: .auth(.init(mechanism: "PLAIN"))),
    .init(wire: "auth login", command: .auth(.init(mechanism: "LOGIN"))),
    .init(wire: "AUTH PLAIN =", command: .auth(.init(mechanism: "PLAIN", initialResponse: .empty))),
    .init(
        wire: "AUTH PLAIN AGJvYgBzZWNyZXQ=",
        command: .auth(.init(mechanism: "PLAIN", initialResponse: .base64("AGJvYgBzZWNyZXQ=")))
    ),
    .init(wire: "AUTH SCRAM-SHA-256", command: .auth(.init(mechanism: "SCRAM-SHA-256"))),
    .init(
        wire: "XCLIENT NAME=mail.example.org ADDR=192.0.2.1 HELO=[UNAVAILABLE]",
        command: .xclient([
            .init(keyword: "NAME", value: "mail.example.org"), .init(keyword: "ADDR", value: "192.0.2.1"),
            .init(keyword: "HELO", value: "[UNAVAILABLE]"),
        ])
    ),
    .init(
        wire: "XFORWARD HELO=client+20name PROTO=ESMTP",
        command: .xforward([.init(keyword: "HELO", value: "client name"), .init(keyword: "PROTO", value: "ESMTP")])
    ),
]

private let encodeCases: [EncodeCase] = [
    .init(command: .helo("mx.example.org"), wire: "HELO mx.example.org\r\n"),
    .init(command: .ehlo("[192.0.2.1]"), wire: "EHLO [192.0.2.1]\r\n"),
    .init(command: .lhlo("localhost"), wire: "LHLO localhost\r\n"),
    .init(command: .mail(.init(reversePath: .null)), wire: "MAIL FROM:<>\r\n"),
    .init(
        command: .mail(
            .init(
                reversePath: .mailbox(alice),
                parameters: .init(
                    size: 10,
                    body: .eightBitMIME,
                    smtpUTF8: true,
                    dsnReturn: .full,
                    envelopeID: "a+b=c d",
                    auth: .unknown,
                    others: [.init(keyword: "x-extra", value: "1")]
                )
            )
        ),
        wire:
            "MAIL FROM:<alice@example.org> SIZE=10 BODY=8BITMIME SMTPUTF8 RET=FULL ENVID=a+2Bb+3Dc+20d AUTH=<> X-EXTRA=1\r\n"
    ),
    .init(
        command: .mail(.init(reversePath: .mailbox(alice), parameters: .init(auth: .identity("alice@example.org")))),
        wire: "MAIL FROM:<alice@example.org> AUTH=alice@example.org\r\n"
    ),
    .init(
        command: .rcpt(.init(forwardPath: .mailbox(mailbox("john doe", "example.org")))),
        wire: "RCPT TO:<\"john doe\"@example.org>\r\n"
    ),
    .init(
        command: .rcpt(.init(forwardPath: .mailbox(mailbox(#"a"b\c"#, "example.org")))),
        wire: #"RCPT TO:<"a\"b\\c"@example.org>"# + "\r\n"
    ),
    .init(
        command: .rcpt(.init(forwardPath: .mailbox(mailbox("a..b", "example.org")))),
        wire: "RCPT TO:<\"a..b\"@example.org>\r\n"
    ),
    .init(command: .rcpt(.init(forwardPath: .postmaster)), wire: "RCPT TO:<Postmaster>\r\n"),
    .init(
        command: .rcpt(
            .init(
                forwardPath: .mailbox(bob),
                parameters: .init(
                    notify: .on([.delay, .failure, .success]),
                    originalRecipient: .init(addressType: "rfc822", address: "b=b@example.org")
                )
            )
        ),
        wire: "RCPT TO:<bob@example.org> NOTIFY=SUCCESS,FAILURE,DELAY ORCPT=rfc822;b+3Db@example.org\r\n"
    ),
    .init(
        command: .rcpt(
            .init(forwardPath: .mailbox(.init(localPart: "x", host: .addressLiteral(.ipv4([192, 0, 2, 1])))))
        ),
        wire: "RCPT TO:<x@[192.0.2.1]>\r\n"
    ),
    .init(
        command: .rcpt(
            .init(
                forwardPath: .mailbox(.init(localPart: "x", host: .addressLiteral(.general(tag: "tag", content: "c"))))
            )
        ),
        wire: "RCPT TO:<x@[tag:c]>\r\n"
    ),
    .init(command: .data, wire: "DATA\r\n"),
    .init(command: .bdat(size: 512, last: false), wire: "BDAT 512\r\n"),
    .init(command: .bdat(size: 0, last: true), wire: "BDAT 0 LAST\r\n"),
    .init(command: .rset, wire: "RSET\r\n"),
    .init(command: .noop(nil), wire: "NOOP\r\n"),
    .init(command: .noop("x"), wire: "NOOP x\r\n"),
    .init(command: .quit, wire: "QUIT\r\n"),
    .init(command: .vrfy("bob"), wire: "VRFY bob\r\n"),
    .init(command: .help("RCPT"), wire: "HELP RCPT\r\n"),
    .init(command: .help(nil), wire: "HELP\r\n"),
    .init(command: .startTLS, wire: "STARTTLS\r\n"),
    .init(command: .auth(.init(mechanism: "plain")), wire: "AUTH PLAIN\r\n"),
    .init(command: .auth(.init(mechanism: "PLAIN", initialResponse: .empty)), wire: "AUTH PLAIN =\r\n"),
    .init(command: .auth(.init(mechanism: "PLAIN", initialResponse: .base64("AGE="))), wire: "AUTH PLAIN AGE=\r\n"),
    .init(command: .xclient([.init(keyword: "name", value: "a b")]), wire: "XCLIENT NAME=a+20b\r\n"),
    .init(command: .xforward([.init(keyword: "ADDR", value: "192.0.2.1")]), wire: "XFORWARD ADDR=192.0.2.1\r\n"),
]

private let lenientCases: [LenientCase] = [
    .init(
        wire: "MAIL FROM: <alice@example.org>",
        command: .mail(.init(reversePath: .mailbox(alice))),
        deviations: [.spaceAfterColon],
        strictError: .badAddress
    ),
    .init(
        wire: "MAIL FROM:alice@example.org",
        command: .mail(.init(reversePath: .mailbox(alice))),
        deviations: [.missingAngleBrackets],
        strictError: .badAddress
    ),
    .init(
        wire: "RCPT TO: bob@example.org NOTIFY=NEVER",
        command: .rcpt(.init(forwardPath: .mailbox(bob), parameters: .init(notify: .never))),
        deviations: [.spaceAfterColon, .missingAngleBrackets],
        strictError: .badAddress
    ),
    .init(
        wire: "MAIL FROM:<alice@example.org>  SIZE=10 ",
        command: .mail(.init(reversePath: .mailbox(alice), parameters: .init(size: 10))),
        deviations: [.extraSpaces],
        strictError: .badParameter
    ),
    .init(
        wire: "HELO my_host",
        command: .helo("my_host"),
        deviations: [.invalidGreetingArgument],
        strictError: .syntax
    ),
    .init(
        wire: "EHLO  mx.example.org",
        command: .ehlo("mx.example.org"),
        deviations: [.extraSpaces],
        strictError: .syntax
    ),
    .init(wire: "QUIT ", command: .quit, deviations: [.extraSpaces], strictError: .syntax),
]

@Suite("SMTPCommandParser")
struct SMTPCommandParserTests {
    @Test("wire → value", arguments: parseCases)
    fileprivate func parse(_ row: ParseCase) throws {
        for strictness in [SMTPParserOptions.Strictness.strict, .lenient] {
            let parser = SMTPCommandParser(options: .init(strictness: strictness, utf8Addresses: row.utf8Addresses))
            let result = try parser.parse(Array(row.wire))
            #expect(result.command == row.command)
            #expect(result.deviations.isEmpty)
        }
    }

    @Test("value → wire, and back", arguments: encodeCases)
    fileprivate func encode(_ row: EncodeCase) throws {
        var buffer = ByteBuffer()
        try buffer.writeSMTPCommand(row.command)
        #expect(String(buffer: buffer) == row.wire)
        let line = Array(row.wire.utf8.dropLast(2))
        #expect(try SMTPCommandParser(options: .init(strictness: .strict)).parse(line).command == row.command)
    }

    @Test("every parsed command encodes back to something that parses the same", arguments: parseCases)
    fileprivate func roundTrip(_ row: ParseCase) throws {
        let parser = SMTPCommandParser(options: .init(strictness: .strict, utf8Addresses: row.utf8Addresses))
        let command = try parser.parse(Array(row.wire)).command
        #expect(try parser.parse(Array(command.description.utf8)).command == command)
    }

    @Test("lenient mode forgives and says what; strict mode refuses", arguments: lenientCases)
    fileprivate func lenient(_ row: LenientCase) throws {
        let result = try SMTPCommandParser(options: .init(strictness: .lenient)).parse(Array(row.wire))
        #expect(result.command == row.command)
        #expect(result.deviations == row.deviations)
        #expect(throws: SMTPCommandError.self) {
            try SMTPCommandParser(options: .init(strictness: .strict)).parse(Array(row.wire))
        }
        do throws(SMTPCommandError) {
            _ = try SMTPCommandParser(options: .init(strictness: .strict)).parse(Array(row.wire))
        } catch {
            #expect(error.kind == row.strictError)
        }
    }

    @Test("errors carry the reply the server sends")
    func errorReplies() {
        let cases: [(String, String)] = [
            ("FOO", "500 5.5.1 unknown command\r\n"),
            ("RCPT TO:<a@-x>", "501 5.1.3 invalid domain label\r\n"),
            ("MAIL FROM:<jö@x.example>", "553 5.6.7 UTF-8 sender address without SMTPUTF8\r\n"),
            ("MAIL FROM:<a@x.example> SIZE=999999999999999999999", "552 5.3.4 SIZE is too large\r\n"),
        ]
        for (line, reply) in cases {
            do throws(SMTPCommandError) {
                _ = try SMTPCommandParser().parse(Array(line))
                Issue.record("\(line) parsed")
            } catch {
                var buffer = ByteBuffer()
                buffer.writeSMTPReply(error.reply)
                #expect(String(buffer: buffer) == reply)
            }
        }
    }

    @Test("per-verb line limits: 512, 2048 for MAIL/RCPT, 12288 for AUTH")
    func lineLimits() throws {
        let parser = SMTPCommandParser()
        let noop = "NOOP " + String(repeating: "x", count: 510 - 5)
        #expect(try parser.parse(Array(noop)).command == .noop(String(repeating: "x", count: 505)))
        #expect(throws: SMTPCommandError(.lineTooLong, "command line longer than 512 octets")) {
            try parser.parse(Array(noop + "x"))
        }
        let mail = "MAIL FROM:<a@example.org> X-LONG=" + String(repeating: "v", count: 2046 - 33)
        #expect(throws: Never.self) { try parser.parse(Array(mail)) }
        #expect(throws: SMTPCommandError.self) { try parser.parse(Array(mail + "v")) }
        let auth = "AUTH PLAIN " + String(repeating: "QUFB", count: (12286 - 11) / 4)
        #expect(throws: Never.self) { try parser.parse(Array(auth)) }
    }

    @Test(
        "values that would inject a command are refused by the encoder",
        arguments: [
            SMTPCommand.rcpt(.init(forwardPath: .mailbox(.init(localPart: "a\r\nDATA", host: .domain("x.example"))))),
            .helo("x\r\nMAIL FROM:<>"),
            .noop("a\nb"),
            .mail(.init(reversePath: .null, parameters: .init(others: [.init(keyword: "X", value: "\0")]))),
        ]
    )
    func injection(_ command: SMTPCommand) {
        var buffer = ByteBuffer()
        #expect(throws: SMTPCommandError(.invalidCharacter, "control character in a command to send")) {
            try buffer.writeSMTPCommand(command)
        }
        #expect(buffer.readableBytes == 0)
    }

    @Test(
        "AUTH continuation lines: base64, empty or '*'",
        arguments: [
            ("Ym9i", AuthResponse.base64("Ym9i")), ("", .base64("")), ("*", .cancel),
            ("AGJvYgBzZWNyZXQ=", .base64("AGJvYgBzZWNyZXQ=")),
        ]
    )
    func authResponse(_ line: String, _ expected: AuthResponse) throws {
        #expect(try AuthResponse(parsing: ByteBuffer(string: line)) == expected)
        #expect(expected.description == line)
    }

    @Test("malformed AUTH continuation lines", arguments: ["Ym9", "**", "Ym9i=", "Y===", "a b=", "Ym9i\r"])
    func badAuthResponse(_ line: String) {
        #expect(throws: SMTPCommandError(.syntax, "AUTH response must be base64 or '*'")) {
            try AuthResponse(parsing: ByteBuffer(string: line))
        }
    }
}
