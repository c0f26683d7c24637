import Foundation
import MailTesting
import Testing

/// Python's imaplib, a client we did not write, logs in through STARTTLS and AUTHENTICATE.
@Suite("imaplib")
struct PythonIMAPClientTests {
    @Test("imaplib: STARTTLS, LOGIN, AUTHENTICATE PLAIN, wrong password, LOGOUT")
    func imaplib() async throws {
        let installation = try TestInstallation()
        try "erin@example.test:{SHA256-CRYPT}\(try hash("S3cret pass"))::::::\n"
            .write(toFile: installation.usersPath, atomically: true, encoding: .utf8)
        let server = try await ServerProcess.start(configuration: installation.configuration(plaintext: "require_tls"))
        let script = """
            import imaplib, ssl, sys
            port, cafile = int(sys.argv[1]), sys.argv[2]
            context = ssl.create_default_context(cafile=cafile)
            m = imaplib.IMAP4("127.0.0.1", port)
            assert "LOGINDISABLED" in m.capabilities, m.capabilities
            assert "AUTH=PLAIN" not in m.capabilities, m.capabilities
            typ, data = m.starttls(ssl_context=context)  # verifies the certificate for 127.0.0.1
            assert typ == "OK", (typ, data)
            assert "AUTH=PLAIN" in m.capabilities and "LOGINDISABLED" not in m.capabilities, m.capabilities
            try:
                m.login("erin@example.test", "Wr0ng-Guess")
                raise SystemExit("wrong password accepted")
            except imaplib.IMAP4.error as e:
                assert "AUTHENTICATIONFAILED" in str(e), e
            typ, data = m.login("erin@example.test", "S3cret pass")
            assert typ == "OK", (typ, data)
            m.logout()
            n = imaplib.IMAP4_SSL("127.0.0.1", int(sys.argv[3]), ssl_context=context)
            typ, data = n.authenticate("PLAIN", lambda _: b"\\0erin@example.test\\0S3cret pass")
            assert typ == "OK", (typ, data)
            n.logout()
            print("imaplib ok")
            """
        let python = ProcessInfo.processInfo.environment["TEST_PYTHON"] ?? "/usr/bin/python3"
        let result = try ChildProcess.run(python, ["-c", script,
            String(try server.port("imap")), installation.certificatePath, String(try server.port("imaps")),
        ])
        #expect(result.status == 0, "\(result.output)\n\(result.error)\n\(server.log)")
        #expect(result.output.contains("imaplib ok"))
        await server.stop()
        // The log has the logins, and never a password or its hash.
        #expect(server.log.contains("msg=\"logged in\""))
        #expect(server.log.contains("user=erin@example.test"))
        #expect(!server.log.contains("S3cret"))
        #expect(!server.log.contains("Wr0ng-Guess"))
        #expect(!server.log.contains("$5$"))
    }

    private func hash(_ password: String) throws -> String {
        let output = try ServerProcess.runCommand(["pw", "-s", "SHA256-CRYPT", "-p", password, "-n"]).output
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
