import MailTesting
import Testing

@testable import IMAPServer

/// Malformed and hostile input, each answered with the right BAD or NO, or a clean close; the
/// server then still serves another connection.
@Suite("IMAP bad input")
struct IMAPBadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        /// What the connection does after the replies.
        enum After: Sendable {
            /// The session goes on: a NOOP is answered.
            case continues
            /// The server closes the connection.
            case closed
            /// The server is still reading what the input announced; the client gives up.
            case clientCloses
        }

        var name: String
        var input: [UInt8]
        var loggedIn: Bool
        /// Logged in with INBOX (one message) selected.
        var selected = false
        var replies: [String]
        var after: After
        var testDescription: String { name }
    }

    private static func bad(_ name: String, _ input: String, loggedIn: Bool = false, _ replies: [String], after: Case.After = .continues) -> Case {
        Case(name: name, input: Array(input.utf8), loggedIn: loggedIn, replies: replies, after: after)
    }

    private static func bad(_ name: String, bytes: [UInt8], _ replies: [String], after: Case.After = .continues) -> Case {
        Case(name: name, input: bytes, loggedIn: false, replies: replies, after: after)
    }

    /// A case run with INBOX (one message) selected.
    private static func selected(_ name: String, _ input: String, _ replies: [String]) -> Case {
        Case(name: name, input: Array(input.utf8), loggedIn: true, selected: true, replies: replies, after: .continues)
    }

    static let cases: [Case] = [
        bad("empty line", "\r\n", ["* BAD Missing or invalid command tag."]),
        bad("missing tag", " NOOP\r\n", ["* BAD Missing or invalid command tag."]),
        bad("tag with +", "+tag NOOP\r\n", ["* BAD Missing or invalid command tag."]),
        bad("tag alone", "a1\r\n", ["a1 BAD Syntax error: expected a space."]),
        bad("unknown command", "a1 XYZZY\r\n", ["a1 BAD Unknown or unsupported command."]),
        bad("NOOP with an argument", "a1 NOOP now\r\n", ["a1 BAD Syntax error: expected the end of the line."]),
        bad("LOGIN without password", "a1 LOGIN onlyuser\r\n", ["a1 BAD Syntax error: expected a space."]),
        bad("unterminated quoted string", "a1 LOGIN \"unterminated\r\n", ["a1 BAD Syntax error: invalid character in quoted string."]),
        bad("8-bit byte in an atom", bytes: Array("a1 LOGIN al".utf8) + [0xFF] + Array("ice x\r\n".utf8), ["a1 BAD Syntax error: expected a space."]),
        bad("8-bit byte in the tag", bytes: [0x61, 0xE9] + Array(" NOOP\r\n".utf8), ["* BAD Missing or invalid command tag."]),
        bad("NUL in an argument", bytes: Array("a1 LOGIN al".utf8) + [0] + Array("ice x\r\n".utf8), ["a1 BAD Syntax error: expected a space."]),
        bad("NUL in a quoted string", bytes: Array("a1 LOGIN \"al".utf8) + [0] + Array("ice\" x\r\n".utf8), ["a1 BAD Syntax error: invalid character in quoted string."]),
        bad("bare CR inside a line", "a1 NOOP\rb1 NOOP\r\n", ["a1 BAD Syntax error: expected the end of the line."]),
        bad("command longer than the limit", "a1 LOGIN " + String(repeating: "x", count: 2000) + " y\r\n", ["a1 BAD Command line too long."]),
        bad("line without end over the limit, ended later", "a1 NOOP " + String(repeating: "x", count: 3000), ["a1 BAD Command line too long."],
            after: .clientCloses),
        bad("synchronizing literal over the login limit", "a1 LOGIN {9000}\r\n", ["a1 NO [TOOBIG] Literal too large (limit 8192 octets)."]),
        bad("literal announcing 4 GB", "a1 LOGIN {4294967296}\r\n", ["a1 NO [TOOBIG] Literal too large (limit 8192 octets)."]),
        bad("literal size overflowing 64 bits", "a1 APPEND INBOX {99999999999999999999}\r\n",
            ["a1 NO [TOOBIG] Literal too large (limit 8192 octets)."]),
        bad("literal size of more than 20 digits", "a1 APPEND INBOX {99999999999999999999999}\r\n",
            ["a1 BAD Syntax error: number too long."]),
        bad("non-synchronizing literal of 4 GB", "a1 LOGIN {4294967296+}\r\n", ["a1 BAD [TOOBIG] Literal too large (limit 8192 octets)."],
            after: .clientCloses),
        bad("non-synchronizing literal over the limit, sent", "a1 LOGIN {9000+}\r\n" + String(repeating: "p", count: 9000) + " x\r\n",
            ["a1 BAD [TOOBIG] Literal too large (limit 8192 octets)."]),
        bad("unterminated literal", "a1 LOGIN {10}\r\nabc", ["+ Ready for literal data"], after: .clientCloses),
        bad("literal marker not at the end", "a1 LOGIN {5} x\r\n", ["a1 BAD Syntax error: expected the end of the line."]),
        bad("literal marker without digits", "a1 LOGIN {abc}\r\n", ["a1 BAD Syntax error: expected number."]),
        bad("too many literals", "a1 LOGIN" + String(repeating: " {1+}\r\nx", count: 1001) + "\r\n", ["a1 BAD Syntax error: too many literals."]),
        bad("deeply nested parentheses", "a1 SEARCH " + String(repeating: "(", count: 100) + "ALL" + String(repeating: ")", count: 100) + "\r\n",
            ["a1 BAD Too deeply nested."]),
        bad("AUTHENTICATE with a huge response", "a1 AUTHENTICATE PLAIN\r\n" + String(repeating: "QUFB", count: 600) + "\r\n",
            ["+ ", "a1 BAD Authentication response too long."]),
        bad("AUTHENTICATE with a huge initial response", "a1 AUTHENTICATE PLAIN " + String(repeating: "QUFB", count: 600) + "\r\n",
            ["a1 BAD Command line too long."]),
        bad("AUTHENTICATE with bad base64", "a1 AUTHENTICATE PLAIN\r\n@@@@\r\n", ["+ ", "a1 BAD Invalid base64 in the authentication response."]),
        bad("AUTHENTICATE without mechanism", "a1 AUTHENTICATE\r\n", ["a1 BAD Syntax error: expected a space."]),
        bad("STARTTLS with an argument", "a1 STARTTLS now\r\n", ["a1 BAD Syntax error: expected the end of the line."]),
        bad("mailbox command before login", "a1 CREATE Mail\r\n", ["a1 BAD Log in first."]),
        bad("ID with too many fields", "a1 ID (" + (0..<31).map { "\"k\($0)\" \"v\"" }.joined(separator: " ") + ")\r\n",
            ["a1 BAD ID allows 30 fields, keys of 30 octets and values of 1024."]),
        bad("invalid modified UTF-7 name", "a1 CREATE &Jjo\r\n", loggedIn: true, ["a1 BAD Mailbox name is not valid modified UTF-7 or UTF-8."]),
        bad("empty hierarchy level", "a1 CREATE a//b\r\n", loggedIn: true, ["a1 NO [CANNOT] Invalid mailbox name."]),
        bad("message over the APPEND limit", "a1 APPEND INBOX {70000000}\r\n", loggedIn: true,
            ["a1 NO [TOOBIG] Literal too large (limit 67108864 octets)."]),
        bad("literal over the non-message limit after login", "a1 CREATE {70000}\r\n", loggedIn: true,
            ["a1 NO [TOOBIG] Literal too large (limit 65536 octets)."]),
        bad("pattern over the pattern limit", "a1 LIST \"\" {2000+}\r\n" + String(repeating: "*", count: 2000) + "\r\n", loggedIn: true,
            ["a1 BAD Mailbox pattern too long."]),
        bad("unknown STATUS attribute", "a1 STATUS INBOX (BOGUS)\r\n", loggedIn: true, ["a1 BAD Syntax error: unknown status attribute BOGUS."]),
        bad("ENABLE without capabilities", "a1 ENABLE\r\n", loggedIn: true, ["a1 BAD Syntax error: expected a space."]),
        bad("message command without a selected mailbox", "a1 UID FETCH 1:* FLAGS\r\n", loggedIn: true, ["a1 BAD No mailbox selected."]),
        selected("FETCH beyond the last message", "a1 FETCH 2 FLAGS\r\n", ["a1 BAD Invalid message sequence number."]),
        selected("FETCH of message 4294967295", "a1 FETCH 1:4294967295 FLAGS\r\n", ["a1 BAD Invalid message sequence number."]),
        selected("FETCH of message 0", "a1 FETCH 0 FLAGS\r\n", ["a1 BAD Syntax error: expected non-zero number."]),
        selected("invalid sequence set", "a1 FETCH 1:: FLAGS\r\n", ["a1 BAD Syntax error: expected number."]),
        selected("unknown FETCH attribute", "a1 FETCH 1 BOGUS\r\n", ["a1 BAD Syntax error: unknown fetch attribute BOGUS."]),
        selected("unclosed FETCH list", "a1 FETCH 1 (FLAGS\r\n", ["a1 BAD Syntax error: expected \")\"."]),
        selected("section part 0", "a1 FETCH 1 BODY[0]\r\n", ["a1 BAD Syntax error: expected non-zero number."]),
        selected("empty partial", "a1 FETCH 1 BODY[]<0.0>\r\n", ["a1 BAD Syntax error: expected non-zero number."]),
        selected("STORE of a flag the server cannot keep", "a1 STORE 1 +FLAGS (\\Bogus)\r\n", ["a1 BAD Invalid flag in STORE."]),
        selected("STORE without flags", "a1 STORE 1 +FLAGS\r\n", ["a1 BAD Syntax error: expected a space."]),
        selected("unknown SEARCH key", "a1 SEARCH BOGUS\r\n", ["a1 BAD Syntax error: unknown search key BOGUS."]),
        selected("SEARCH date that does not exist", "a1 SEARCH SINCE 31-Feb-2026\r\n", ["a1 BAD Syntax error: invalid date."]),
        selected("SEARCH in an unknown charset", "a1 SEARCH CHARSET X-MARTIAN TEXT x\r\n",
                 ["a1 NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset."]),
        selected("COPY to a mailbox that does not exist", "a1 COPY 1 Nowhere\r\n", ["a1 NO [TRYCREATE] Mailbox does not exist."]),
        selected("UID EXPUNGE without a set", "a1 UID EXPUNGE\r\n", ["a1 BAD Syntax error: expected a space."]),
        selected("IDLE ended by something other than DONE", "a1 IDLE\r\nNOPE\r\n", ["+ idling", "a1 BAD Expected DONE."]),
        selected("VANISHED without QRESYNC", "a1 UID FETCH 1:* FLAGS (CHANGEDSINCE 1 VANISHED)\r\n",
                 ["a1 BAD VANISHED needs UID FETCH with CHANGEDSINCE and QRESYNC enabled."]),
        selected("SELECT with QRESYNC not enabled", "a1 SELECT INBOX (QRESYNC (1 1))\r\n", ["a1 BAD QRESYNC must be enabled first."]),
    ]

    @Test("bad input", arguments: cases)
    func badInput(_ input: Case) async throws {
        try await IMAPTestServer.run { server in
            let client = input.loggedIn ? try await server.loggedIn() : try await server.connect().0
            if input.selected {
                try await client.sendRaw(Array("s1 APPEND INBOX {14+}\r\nSubject: x\r\n\r\n\r\n".utf8))
                #expect(try await client.readLine()?.hasPrefix("s1 OK") == true)
                #expect(try await client.command("s2 SELECT INBOX").last == "s2 OK [READ-WRITE] SELECT completed.")
            }
            try await client.sendRaw(input.input)
            for reply in input.replies {
                let line = try await client.readLine()
                #expect(line == reply)
            }
            switch input.after {
            case .continues:
                #expect(try await client.command("z NOOP") == ["z OK NOOP completed."])
            case .closed:
                #expect(try await client.readLine() == nil)
            case .clientCloses:
                await client.close()
            }
            let (other, _) = try await server.connect()
            #expect(try await other.command("y NOOP") == ["y OK NOOP completed."])
        }
    }

    @Test("STARTTLS with pipelined plaintext: no continuation request, no command run")
    func startTLSPipelined() async throws {
        try await IMAPTestServer.run { server in
            let (client, _) = try await server.connect()
            try await client.sendRaw(Array("a1 STARTTLS\r\na2 LOGIN {18}\r\na3 CREATE Evil\r\n".utf8))
            #expect(try await client.readLine() == "a1 OK Begin TLS negotiation now.")
            try await client.startTLS(serverName: "mail.example.test")
            #expect(try await client.command("a4 NOOP") == ["a4 OK NOOP completed."])
            #expect(try await client.command("a5 LOGIN alice@example.test wonderland").last?.hasPrefix("a5 OK") == true)
            #expect(try await client.command(#"a6 LIST "" *"#) == [#"* LIST (\HasNoChildren) "/" INBOX"#, "a6 OK LIST completed."])
        }
    }

    @Test("too many invalid commands end the connection")
    func tooManyInvalid() async throws {
        try await IMAPTestServer.run { server in
            let (client, _) = try await server.connect()
            for index in 1..<20 {
                #expect(try await client.command("a\(index) FROB") == ["a\(index) BAD Unknown or unsupported command."])
            }
            try await client.send("a20 FROB")
            #expect(try await client.readLine() == "a20 BAD Unknown or unsupported command.")
            #expect(try await client.readLine() == "* BYE Too many invalid commands.")
            #expect(try await client.readLine() == nil)
        }
    }
}
