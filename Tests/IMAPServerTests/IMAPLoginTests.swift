import Auth
import Foundation
import MailTesting
import Testing

@testable import IMAPServer

/// Transcripts of the not-authenticated state: exact lines in, exact lines out.
@Suite("IMAP login state")
struct IMAPLoginTests {
    @Test("a connection that does not log in in time gets BYE; a logged-in one stays", .timeLimit(.minutes(1)))
    func loginTimeout() async throws {
        let settings = IMAPServerSettings(hostname: "mail.example.test", loginTimeout: .seconds(5))
        try await IMAPTestServer.run(settings: settings) { server in
            let loggedIn = try await server.loggedIn()
            let (idle, _) = try await server.connect()
            #expect(try await idle.readLine() == "* BYE Login timeout.")
            #expect(try await idle.readLine() == nil)
            #expect(try await loggedIn.command("a1 NOOP") == ["a1 OK NOOP completed."])
        }
    }

    @Test("greeting, CAPABILITY, NOOP, LOGOUT")
    func basics() async throws {
        try await IMAPTestServer.run { server in
            let (client, greeting) = try await server.connect()
            let capabilities = "IMAP4rev2 IMAP4rev1 ID ENABLE LITERAL- STARTTLS SASL-IR AUTH=PLAIN AUTH=LOGIN AUTH=SCRAM-SHA-256 AUTH=CRAM-MD5"
            #expect(greeting == "* OK [CAPABILITY \(capabilities)] mail.example.test Columba ready.")
            #expect(try await client.command("a1 CAPABILITY") == ["* CAPABILITY \(capabilities)", "a1 OK CAPABILITY completed."])
            #expect(try await client.command("a2 noop") == ["a2 OK NOOP completed."])
            #expect(try await client.command("a3 LOGOUT") == ["* BYE Logging out.", "a3 OK LOGOUT completed."])
            #expect(try await client.readLine() == nil)
        }
    }

    @Test("LOGIN with atoms, quoted strings and literals")
    func login() async throws {
        try await IMAPTestServer.run { server in
            let (client, _) = try await server.connect()
            let reply = try await client.command(#"a1 LOGIN "alice@example.test" wonderland"#)
            #expect(reply == ["a1 OK [CAPABILITY \(IMAPTestServer.authenticatedCapabilities)] Logged in."])
            #expect(try await client.command("a2 LOGIN alice@example.test wonderland") == ["a2 BAD Already authenticated."])

            let (literal, _) = try await server.connect()
            try await literal.send("b1 LOGIN {18}")
            #expect(try await literal.readLine() == "+ Ready for literal data")
            try await literal.send("alice@example.test {10+}")
            try await literal.send("wonderland")
            #expect(try await literal.readLine() == "b1 OK [CAPABILITY \(IMAPTestServer.authenticatedCapabilities)] Logged in.")
        }
    }

    @Test("a wrong password answers NO [AUTHENTICATIONFAILED] only after the failure delay; three end the connection")
    func wrongPassword() async throws {
        try await IMAPTestServer.run(penalty: .milliseconds(300)) { server in
            let (client, _) = try await server.connect()
            for (index, expectBye) in [(1, false), (2, false), (3, true)] {
                let started = ContinuousClock.now
                let reply = try await client.command("a\(index) LOGIN alice@example.test wrong")
                #expect(ContinuousClock.now - started >= server.penalty)
                #expect(reply == ["a\(index) NO [AUTHENTICATIONFAILED] Authentication failed."])
                if expectBye {
                    #expect(try await client.readLine() == "* BYE Too many authentication failures.")
                    #expect(try await client.readLine() == nil)
                }
            }
        }
    }

    @Test("nologin accounts are refused with the passdb's reason")
    func noLogin() async throws {
        try await IMAPTestServer.run { server in
            let (client, _) = try await server.connect()
            let reply = try await client.command("a1 LOGIN locked@example.test secret")
            #expect(reply.last?.hasPrefix("a1 NO [CONTACTADMIN]") == true)
        }
    }

    @Test("AUTHENTICATE PLAIN with SASL-IR, without it, and cancelled")
    func authenticatePlain() async throws {
        try await IMAPTestServer.run { server in
            let credentials = Data("\0alice@example.test\0wonderland".utf8).base64EncodedString()
            let (first, _) = try await server.connect()
            #expect(try await first.command("a1 AUTHENTICATE PLAIN \(credentials)") ==
                    ["a1 OK [CAPABILITY \(IMAPTestServer.authenticatedCapabilities)] Logged in."])

            let (second, _) = try await server.connect()
            try await second.send("b1 AUTHENTICATE plain")
            #expect(try await second.readLine() == "+ ")
            try await second.send(credentials)
            #expect(try await second.readLine() == "b1 OK [CAPABILITY \(IMAPTestServer.authenticatedCapabilities)] Logged in.")

            let (third, _) = try await server.connect()
            try await third.send("c1 AUTHENTICATE PLAIN")
            #expect(try await third.readLine() == "+ ")
            try await third.send("*")
            #expect(try await third.readLine() == "c1 BAD Authentication cancelled.")
            try await third.send("c2 AUTHENTICATE PLAIN")
            _ = try await third.readLine()
            try await third.send("not base64!")
            #expect(try await third.readLine() == "c2 BAD Invalid base64 in the authentication response.")
            #expect(try await third.command("c3 AUTHENTICATE GSSAPI") == ["c3 NO [CANNOT] Unsupported authentication mechanism."])
        }
    }

    @Test("require_tls: LOGINDISABLED and no plaintext mechanisms until STARTTLS; plaintext pipelined after STARTTLS is dropped")
    func startTLS() async throws {
        try await IMAPTestServer.run(plaintext: .requireTLS) { server in
            let (client, greeting) = try await server.connect()
            #expect(greeting == "* OK [CAPABILITY IMAP4rev2 IMAP4rev1 ID ENABLE LITERAL- STARTTLS LOGINDISABLED SASL-IR AUTH=SCRAM-SHA-256 AUTH=CRAM-MD5] mail.example.test Columba ready.")
            #expect(try await client.command("a1 LOGIN alice@example.test wonderland") ==
                    ["a1 NO [PRIVACYREQUIRED] Plaintext authentication is disallowed without TLS."])
            try await client.sendRaw(Array("a2 STARTTLS\r\na3 LOGIN alice@example.test wonderland\r\n".utf8))
            #expect(try await client.readLine() == "a2 OK Begin TLS negotiation now.")
            try await client.startTLS(serverName: "mail.example.test")
            #expect(try await client.command("a4 CAPABILITY") == [
                "* CAPABILITY IMAP4rev2 IMAP4rev1 ID ENABLE LITERAL- SASL-IR AUTH=PLAIN AUTH=LOGIN AUTH=SCRAM-SHA-256 AUTH=CRAM-MD5",
                "a4 OK CAPABILITY completed.",
            ])
            #expect(try await client.command("a5 STARTTLS") == ["a5 BAD TLS is already active."])
            #expect(try await client.command("a6 LOGIN alice@example.test wonderland") ==
                    ["a6 OK [CAPABILITY \(IMAPTestServer.authenticatedCapabilities)] Logged in."])
        }
    }
}
