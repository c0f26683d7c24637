import Foundation
import MailTesting
import Testing

@testable import IMAPServer

/// Commands sent in one write are read as the commands before them left the session: in the
/// mode, with the names and under the limits those commands set.
@Suite("IMAP pipelining")
struct IMAPPipeliningTests {
    private func readLines(_ client: LineClient, count: Int) async throws -> [String] {
        var lines: [String] = []
        for _ in 0..<count {
            lines.append(try await client.readLine() ?? "<closed>")
        }
        return lines
    }

    @Test("AUTHENTICATE, then a command, in one write")
    func authenticateThenCommand() async throws {
        try await IMAPTestServer.run { server in
            let (client, _) = try await server.connect()
            let credentials = Data("\0alice@example.test\0wonderland".utf8).base64EncodedString()
            try await client.sendRaw(Array("a1 AUTHENTICATE PLAIN\r\n\(credentials)\r\na2 NAMESPACE\r\n".utf8))
            #expect(try await readLines(client, count: 4) == [
                "+ ",
                "a1 OK [CAPABILITY \(IMAPTestServer.authenticatedCapabilities)] Logged in.",
                #"* NAMESPACE (("" "/")) NIL NIL"#,
                "a2 OK NAMESPACE completed.",
            ])
        }
    }

    @Test("LOGIN, then an APPEND over the login literal limit, in one write")
    func loginRaisesLimit() async throws {
        try await IMAPTestServer.run { server in
            let (client, _) = try await server.connect()
            let message = "Subject: big\r\n\r\n" + String(repeating: "x", count: 10_000) + "\r\n"
            try await client.sendRaw(Array(
                "a1 LOGIN alice@example.test wonderland\r\na2 APPEND INBOX {\(message.utf8.count)+}\r\n\(message)\r\n".utf8
            ))
            let lines = try await readLines(client, count: 2)
            #expect(lines.first == "a1 OK [CAPABILITY \(IMAPTestServer.authenticatedCapabilities)] Logged in.")
            #expect(lines.last?.hasPrefix("a2 OK [APPENDUID ") == true)
        }
    }

    @Test("ENABLE UTF8=ACCEPT changes how the next pipelined name is read")
    func enableThenName() async throws {
        try await IMAPTestServer.run { server in
            let client = try await server.loggedIn()
            try await client.sendRaw(Array("p1 ENABLE UTF8=ACCEPT\r\np2 CREATE &AMQ-\r\np3 LIST \"\" &*\r\n".utf8))
            #expect(try await readLines(client, count: 5) == [
                "* ENABLED UTF8=ACCEPT",
                "p1 OK ENABLE completed.",
                "p2 OK CREATE completed.",
                #"* LIST (\HasNoChildren) "/" &AMQ-"#,
                "p3 OK LIST completed.",
            ])
        }
    }

    @Test("a synchronizing literal pipelined behind other commands is asked for after their replies")
    func continuationAfterReplies() async throws {
        try await IMAPTestServer.run { server in
            let client = try await server.loggedIn()
            try await client.sendRaw(Array("q1 NOOP\r\nq2 CREATE {4}\r\n".utf8))
            #expect(try await readLines(client, count: 2) == ["q1 OK NOOP completed.", "+ Ready for literal data"])
            try await client.sendRaw(Array("Test\r\n".utf8))
            #expect(try await client.readLine() == "q2 OK CREATE completed.")
        }
    }
}
