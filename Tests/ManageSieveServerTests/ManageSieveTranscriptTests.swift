import Auth
import Foundation
import MailTesting
import SieveScripts
import Testing

/// Exact client lines in, exact server lines out, for every ManageSieve command (RFC 5804) and
/// its error paths.
@Suite("ManageSieve transcripts")
struct ManageSieveTranscriptTests {
    static let filing = "require \"fileinto\";\r\nfileinto \"Archive\";\r\n"
    static let keep = "keep;\r\n"

    @Test("greeting, CAPABILITY, NOOP with and without a tag, LOGOUT")
    func greeting() async throws {
        try await ManageSieveTestServer.run { server in
            let client = try await server.connect()
            try await transcript(client, """
                \(ManageSieveTestServer.greeting)
                C: CAPABILITY
                \(ManageSieveTestServer.capabilities.map { "S: \($0)" }.joined(separator: "\n"))
                S: OK "CAPABILITY completed."
                C: NOOP
                S: OK "NOOP completed."
                C: noop "tag-1"
                S: OK (TAG "tag-1") "NOOP completed."
                C: NOOP {5+}
                C: a"b\\c
                S: OK (TAG "a\\"b\\\\c") "NOOP completed."
                C: LOGOUT
                S: OK "Logout completed."
                S: <closed>
                """)
        }
    }

    @Test("commands before AUTHENTICATE, unknown commands and bad syntax are refused with NO")
    func notAuthenticated() async throws {
        try await ManageSieveTestServer.run { server in
            let client = try await server.connect()
            try await transcript(client, """
                \(ManageSieveTestServer.greeting)
                C: LISTSCRIPTS
                S: NO "Authenticate first."
                C: PUTSCRIPT "main" {7+}
                C: keep;
                C:
                S: NO "Authenticate first."
                C: GETSCRIPT "main"
                S: NO "Authenticate first."
                C: UNAUTHENTICATE
                S: NO "Authenticate first."
                C: FROB
                S: NO "Unknown command."
                C: LISTSCRIPTS now
                S: NO "Syntax error: expected the end of the line."
                C: GETSCRIPT main
                S: NO "Syntax error: expected a string."
                C: HAVESPACE "main" lots
                S: NO "Syntax error: expected a number."
                C: NOOP "unterminated
                S: NO "Syntax error: unterminated quoted string."
                C: NOOP "a\\x"
                S: NO "Syntax error: invalid escape in quoted string."
                C: DELETESCRIPT
                S: NO "Syntax error: expected a space."
                C: NOOP
                S: OK "NOOP completed."
                """)
            #expect(!FileManager.default.fileExists(atPath: server.home + "/sieve/main.sieve"))
        }
    }

    @Test("AUTHENTICATE: initial response, a challenge answered with a literal, cancel, wrong mechanism, nologin")
    func authenticate() async throws {
        try await ManageSieveTestServer.run { server in
            let plain = Data("\u{0}alice@example.test\u{0}wonderland".utf8).base64EncodedString()
            let client = try await server.connect()
            try await transcript(client, """
                \(ManageSieveTestServer.greeting)
                C: AUTHENTICATE "KERBEROS_V4"
                S: NO "Unsupported authentication mechanism."
                C: AUTHENTICATE "PLAIN"
                S: ""
                C: "*"
                S: NO "Authentication cancelled."
                C: AUTHENTICATE "plain"
                S: ""
                C: {\(plain.utf8.count)+}
                C: \(plain)
                S: OK "Logged in."
                C: AUTHENTICATE "PLAIN" "\(plain)"
                S: NO "Already authenticated."
                C: STARTTLS
                S: NO "Already authenticated."
                C: UNAUTHENTICATE
                S: OK "Unauthenticated."
                C: LISTSCRIPTS
                S: NO "Authenticate first."
                \(ManageSieveTestServer.login)
                C: LOGOUT
                S: OK "Logout completed."
                """)
            let locked = try await server.connect()
            let lockedPlain = Data("\u{0}locked@example.test\u{0}secret".utf8).base64EncodedString()
            try await transcript(locked, """
                \(ManageSieveTestServer.greeting)
                C: AUTHENTICATE "PLAIN" "\(lockedPlain)"
                S: NO "Login disabled."
                """)
        }
    }

    @Test("a wrong password is answered after the failure delay; the third failure ends the connection")
    func failures() async throws {
        try await ManageSieveTestServer.run(penalty: .milliseconds(300)) { server in
            let wrong = Data("\u{0}alice@example.test\u{0}nope".utf8).base64EncodedString()
            let client = try await server.connect()
            try await transcript(client, ManageSieveTestServer.greeting)
            let clock = ContinuousClock()
            let start = clock.now
            try await transcript(client, """
                C: AUTHENTICATE "PLAIN" "\(wrong)"
                S: NO "Authentication failed."
                """)
            #expect(clock.now - start >= .milliseconds(300))
            try await transcript(client, """
                C: AUTHENTICATE "PLAIN" "!!"
                S: NO "Malformed authentication data."
                C: AUTHENTICATE "LOGIN"
                S: "VXNlcm5hbWU6"
                C: "\(Data("alice@example.test".utf8).base64EncodedString())"
                S: "UGFzc3dvcmQ6"
                C: "\(Data("nope".utf8).base64EncodedString())"
                S: NO "Authentication failed."
                S: BYE "Too many authentication failures."
                S: <closed>
                """)
        }
    }

    @Test("PUTSCRIPT, LISTSCRIPTS, SETACTIVE, GETSCRIPT, RENAMESCRIPT, DELETESCRIPT and their refusals")
    func scripts() async throws {
        try await ManageSieveTestServer.run { server in
            let client = try await server.connect()
            try await transcript(client, """
                \(ManageSieveTestServer.greeting)
                \(ManageSieveTestServer.login)
                C: LISTSCRIPTS
                S: OK "LISTSCRIPTS completed."
                C: PUTSCRIPT "main" {\(Self.filing.utf8.count)+}
                C: require "fileinto";
                C: fileinto "Archive";
                C:
                S: OK "PUTSCRIPT completed."
                C: PUTSCRIPT "spare" "keep;"
                S: OK "PUTSCRIPT completed."
                C: LISTSCRIPTS
                S: "main"
                S: "spare"
                S: OK "LISTSCRIPTS completed."
                C: SETACTIVE "main"
                S: OK "Script activated."
                C: LISTSCRIPTS
                S: "main" ACTIVE
                S: "spare"
                S: OK "LISTSCRIPTS completed."
                C: GETSCRIPT "main"
                S: {\(Self.filing.utf8.count)}
                S: require "fileinto";
                S: fileinto "Archive";
                S:
                S: OK "GETSCRIPT completed."
                C: GETSCRIPT "missing"
                S: NO (NONEXISTENT) "There is no script named missing."
                C: SETACTIVE "missing"
                S: NO (NONEXISTENT) "There is no script named missing."
                C: DELETESCRIPT "main"
                S: NO (ACTIVE) "The active script cannot be deleted."
                C: DELETESCRIPT "missing"
                S: NO (NONEXISTENT) "There is no script named missing."
                C: RENAMESCRIPT "main" "spare"
                S: NO (ALREADYEXISTS) "A script named spare exists."
                C: RENAMESCRIPT "missing" "other"
                S: NO (NONEXISTENT) "There is no script named missing."
                C: RENAMESCRIPT "main" "filing"
                S: OK "Script renamed."
                C: LISTSCRIPTS
                S: "filing" ACTIVE
                S: "spare"
                S: OK "LISTSCRIPTS completed."
                C: PUTSCRIPT ".hidden" "keep;"
                S: NO "Invalid script name."
                C: PUTSCRIPT "a/b" "keep;"
                S: NO "Invalid script name."
                C: SETACTIVE ""
                S: OK "No script is active."
                C: DELETESCRIPT "filing"
                S: OK "Script deleted."
                C: LISTSCRIPTS
                S: "spare"
                S: OK "LISTSCRIPTS completed."
                """)
            let store = SieveScriptStore(home: server.home)
            #expect(try store.list().names == ["spare"])
            #expect(store.activeName() == nil)
            try await transcript(client, """
                C: SETACTIVE "spare"
                S: OK "Script activated."
                """)
            #expect(store.activePath() == store.path(of: "spare"))
            #expect(try store.read("spare") == "keep;")
        }
    }

    @Test("a broken script is refused with the validator's message and position, and not stored")
    func brokenScript() async throws {
        try await ManageSieveTestServer.run { server in
            let broken = "require \"fileinto\";\r\nkeep;\r\nfileinto;\r\n"
            let client = try await server.connect()
            try await transcript(client, """
                \(ManageSieveTestServer.greeting)
                \(ManageSieveTestServer.login)
                C: CHECKSCRIPT {\(Self.filing.utf8.count)+}
                C: require "fileinto";
                C: fileinto "Archive";
                C:
                S: OK "Script is valid."
                C: CHECKSCRIPT {\(broken.utf8.count)+}
                C: require "fileinto";
                C: keep;
                C: fileinto;
                C:
                S: NO "line 3: command 'fileinto' takes 1 argument(s), got 0 (column 1)"
                C: PUTSCRIPT "main" {\(broken.utf8.count)+}
                C: require "fileinto";
                C: keep;
                C: fileinto;
                C:
                S: NO "line 3: command 'fileinto' takes 1 argument(s), got 0 (column 1)"
                C: PUTSCRIPT "main" "require \\"vnd.dovecot.testsuite\\";"
                S: NO "line 1: unsupported extension 'vnd.dovecot.testsuite' (column 9)"
                C: LISTSCRIPTS
                S: OK "LISTSCRIPTS completed."
                """)
            #expect(SieveScriptStore(home: server.home).names().isEmpty)
        }
    }

    @Test("HAVESPACE and PUTSCRIPT enforce the size and script-count quota")
    func quota() async throws {
        try await ManageSieveTestServer.run { server in
            let client = try await server.connect()
            let large = String(repeating: "#", count: 600)
            try await transcript(client, """
                \(ManageSieveTestServer.greeting)
                \(ManageSieveTestServer.login)
                C: HAVESPACE "one" 512
                S: OK "PUTSCRIPT would succeed."
                C: HAVESPACE "one" 513
                S: NO (QUOTA/MAXSIZE) "Script larger than 512 octets."
                C: HAVESPACE "one" 99999999999
                S: NO "Syntax error: number larger than 32 bits."
                C: PUTSCRIPT "one" {600+}
                C: \(large)
                S: NO (QUOTA/MAXSIZE) "Script larger than 512 octets."
                C: NOOP
                S: OK "NOOP completed."
                C: PUTSCRIPT "one" "keep;"
                S: OK "PUTSCRIPT completed."
                C: PUTSCRIPT "two" "keep;"
                S: OK "PUTSCRIPT completed."
                C: PUTSCRIPT "three" "keep;"
                S: OK "PUTSCRIPT completed."
                C: HAVESPACE "four" 10
                S: NO (QUOTA/MAXSCRIPTS) "At most 3 scripts are allowed."
                C: PUTSCRIPT "four" "keep;"
                S: NO (QUOTA/MAXSCRIPTS) "At most 3 scripts are allowed."
                C: HAVESPACE "three" 10
                S: OK "PUTSCRIPT would succeed."
                C: PUTSCRIPT "three" "discard;"
                S: OK "PUTSCRIPT completed."
                """)
            #expect(SieveScriptStore(home: server.home).names() == ["one", "three", "two"])
        }
    }

    @Test("STARTTLS re-sends the capabilities without STARTTLS; plaintext pipelined after it is dropped")
    func startTLS() async throws {
        try await ManageSieveTestServer.run(plaintext: .requireTLS) { server in
            let client = try await server.connect()
            let plain = Data("\u{0}alice@example.test\u{0}wonderland".utf8).base64EncodedString()
            var before = ManageSieveTestServer.capabilities
            before[1] = "\"SASL\" \"SCRAM-SHA-256\""
            try await transcript(client, """
                \(before.map { "S: \($0)" }.joined(separator: "\n"))
                S: OK "mail.example.test ManageSieve ready."
                C: AUTHENTICATE "PLAIN" "\(plain)"
                S: NO (ENCRYPT-NEEDED) "Plaintext authentication is disallowed without TLS."
                C: STARTTLS
                C: AUTHENTICATE "PLAIN" "\(plain)"
                S: OK "Begin TLS negotiation now."
                """)
            try await client.startTLS(serverName: "mail.example.test")
            var after = ManageSieveTestServer.capabilities
            after.remove(at: 3)
            try await transcript(client, """
                \(after.map { "S: \($0)" }.joined(separator: "\n"))
                S: OK "TLS negotiation successful."
                C: LISTSCRIPTS
                S: NO "Authenticate first."
                C: STARTTLS
                S: NO "TLS is already active."
                \(ManageSieveTestServer.login)
                """)
        }
    }

    @Test("pipelined after AUTHENTICATE, a script over the login literal limit is read with the script limit")
    func pipelinedAfterLogin() async throws {
        try await ManageSieveTestServer.run(maximumScriptSize: 10_000) { server in
            let script = "# " + String(repeating: "x", count: 8990) + "\r\nkeep;\r\n"
            let client = try await server.connect()
            try await transcript(client, ManageSieveTestServer.greeting)
            let plain = Data("\u{0}alice@example.test\u{0}wonderland".utf8).base64EncodedString()
            try await client.sendRaw(Array(
                "AUTHENTICATE \"PLAIN\" \"\(plain)\"\r\nPUTSCRIPT \"big\" {\(script.utf8.count)+}\r\n\(script)\r\nGETSCRIPT \"none\"\r\n".utf8
            ))
            try await transcript(client, """
                S: OK "Logged in."
                S: OK "PUTSCRIPT completed."
                S: NO (NONEXISTENT) "There is no script named none."
                """)
            #expect(try SieveScriptStore(home: server.home).read("big") == script)
        }
    }
}
