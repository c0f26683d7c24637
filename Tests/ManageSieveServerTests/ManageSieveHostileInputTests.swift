import Foundation
import MailTesting
import Testing

/// Malformed and hostile sessions, each answered NO or BYE or closed cleanly; the server then
/// still serves another connection.
@Suite("ManageSieve hostile input")
struct ManageSieveHostileInputTests {
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
        var replies: [String]
        var after: After
        var testDescription: String { name }
    }

    private static func hostile(_ name: String, _ input: String, loggedIn: Bool = false, _ replies: [String],
                                after: Case.After = .continues) -> Case {
        Case(name: name, input: Array(input.utf8), loggedIn: loggedIn, replies: replies, after: after)
    }

    private static func hostile(_ name: String, bytes: [UInt8], _ replies: [String], after: Case.After = .continues) -> Case {
        Case(name: name, input: bytes, loggedIn: false, replies: replies, after: after)
    }

    static let cases: [Case] = [
        hostile("garbage", bytes: [0x01, 0x02, 0xFF, 0x7F] + Array("xyz\r\n".utf8), [#"NO "Unknown command.""#]),
        hostile("empty line", "\r\n", [#"NO "Unknown command.""#]),
        hostile("bare LF line ends", "NOOP\nFROB\n", [#"OK "NOOP completed.""#, #"NO "Unknown command.""#]),
        hostile("NUL in a quoted string", bytes: Array(#"NOOP "a"#.utf8) + [0] + Array("b\"\r\n".utf8),
                [#"NO "Syntax error: invalid character in quoted string.""#]),
        hostile("invalid UTF-8 in a script name", bytes: Array(#"GETSCRIPT ""#.utf8) + [0xC3, 0x28] + Array("\"\r\n".utf8),
                [#"NO "Syntax error: string is not valid UTF-8.""#]),
        hostile("overlong line", "NOOP \"" + String(repeating: "x", count: 1500) + "\"\r\n", [#"NO "Command line too long.""#]),
        hostile("overlong line arriving without its end", String(repeating: "x", count: 3000), [#"NO "Command line too long.""#],
                after: .clientCloses),
        hostile("unterminated literal", "PUTSCRIPT \"a\" {100+}\r\nabc", [], after: .clientCloses),
        hostile("literal over the login limit, sent", "NOOP {9000+}\r\n" + String(repeating: "z", count: 9000) + "\r\n",
                [#"NO "Literal larger than 8192 octets.""#]),
        hostile("huge literal announcement", "PUTSCRIPT \"a\" {4000000000+}\r\n", [#"NO "Literal larger than 8192 octets.""#],
                after: .clientCloses),
        hostile("huge literal announcement after login", "PUTSCRIPT \"a\" {4000000000+}\r\n", loggedIn: true,
                [#"NO (QUOTA/MAXSIZE) "Script larger than 512 octets.""#], after: .clientCloses),
        hostile("literal size over 32 bits", "PUTSCRIPT \"a\" {99999999999+}\r\n", [#"BYE "Literal size out of range.""#],
                after: .closed),
        hostile("literal shorter than its line says", "NOOP {2+}\r\nabc\r\n", [#"NO "Syntax error: expected the end of the line.""#]),
        hostile("too many literals", "RENAMESCRIPT" + String(repeating: " {1+}\r\nx", count: 5) + "\r\n",
                [#"NO "Too many literals.""#]),
        hostile("literal marker without digits", "NOOP {x+}\r\n", [#"NO "Syntax error: expected a number.""#]),
        hostile("AUTHENTICATE with a huge response", "AUTHENTICATE \"PLAIN\"\r\n\"" + String(repeating: "QUFB", count: 600) + "\"\r\n",
                [#""""#, #"NO "Malformed authentication data.""#]),
        hostile("AUTHENTICATE with a huge literal response", "AUTHENTICATE \"PLAIN\"\r\n{100000+}\r\n",
                [#""""#, #"NO "Malformed authentication data.""#], after: .clientCloses),
        hostile("AUTHENTICATE with a huge initial response", "AUTHENTICATE \"PLAIN\" \"" + String(repeating: "QUFB", count: 600) + "\"\r\n",
                [#"NO "Command line too long.""#]),
        hostile("AUTHENTICATE answered with an atom", "AUTHENTICATE \"PLAIN\"\r\nQUFB\r\n", [#""""#, #"NO "Malformed authentication data.""#]),
        hostile("AUTHENTICATE with bad base64", "AUTHENTICATE \"PLAIN\"\r\n\"@@@@\"\r\n", [#""""#, #"NO "Malformed authentication data.""#]),
        hostile("AUTHENTICATE with a mechanism atom", "AUTHENTICATE PLAIN\r\n", [#"NO "Syntax error: expected a string.""#]),
        hostile("too many failed logins", String(repeating: "AUTHENTICATE \"PLAIN\" \"AGFsaWNlQGV4YW1wbGUudGVzdABubw==\"\r\n", count: 3),
                [#"NO "Authentication failed.""#, #"NO "Authentication failed.""#, #"NO "Authentication failed.""#,
                 #"BYE "Too many authentication failures.""#], after: .closed),
        hostile("too many invalid commands", String(repeating: "FROB\r\n", count: 20),
                Array(repeating: #"NO "Unknown command.""#, count: 20) + [#"BYE "Too many invalid commands.""#], after: .closed),
        hostile("script of invalid UTF-8", bytes: Array("CHECKSCRIPT {2+}\r\n".utf8) + [0xFF, 0xFE] + Array("\r\n".utf8),
                [#"NO "Authenticate first.""#]),
    ]

    @Test("hostile input", arguments: cases)
    func hostileInput(_ input: Case) async throws {
        try await ManageSieveTestServer.run(penalty: .milliseconds(10)) { server in
            let client = try await server.connect()
            try await transcript(client, ManageSieveTestServer.greeting)
            if input.loggedIn { try await transcript(client, ManageSieveTestServer.login) }
            try await client.sendRaw(input.input)
            for reply in input.replies {
                #expect(try await client.readLine() == reply)
            }
            switch input.after {
            case .continues:
                try await transcript(client, """
                    C: NOOP
                    S: OK "NOOP completed."
                    """)
            case .closed:
                #expect(try await client.readLine() == nil)
            case .clientCloses:
                await client.close()
            }
            let other = try await server.connect()
            try await transcript(other, """
                \(ManageSieveTestServer.greeting)
                C: NOOP
                S: OK "NOOP completed."
                """)
        }
    }

    @Test("a script of invalid UTF-8 is refused after login")
    func invalidUTF8Script() async throws {
        try await ManageSieveTestServer.run { server in
            let client = try await server.connect()
            try await transcript(client, ManageSieveTestServer.greeting + "\n" + ManageSieveTestServer.login)
            try await client.sendRaw(Array("PUTSCRIPT \"bad\" {2+}\r\n".utf8) + [0xFF, 0xFE] + Array("\r\n".utf8))
            #expect(try await client.readLine() == #"NO "Script is not valid UTF-8.""#)
        }
    }
}
