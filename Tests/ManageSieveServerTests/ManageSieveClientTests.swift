import Foundation
import MailStore
import MailTesting
import ServerKit
import SieveScripts
import Testing

/// Clients we did not write against a running `columba serve`: Debian's `sieve-connect` (Perl)
/// and Python's `managesieve` module upload, check and activate scripts; `columba sieve` then
/// sees the active script and an LMTP delivery runs it.
///
/// The peers come from scripts/install-test-deps (`sieve-connect`, and `managesieve` and
/// `scramp` in the venv `TEST_PYTHON` names); without them the tests are skipped, unless
/// `TEST_REQUIRE_PEERS=1` makes that a failure.
@Suite("ManageSieve with real clients")
struct ManageSieveClientTests {
    static let filing = "require [\"fileinto\", \"mailbox\"];\r\nfileinto :create \"Archive\";\r\n"
    static let broken = "require \"fileinto\";\r\nkeep;\r\nfileinto;\r\n"
    static let brokenMessage = "line 3: command 'fileinto' takes 1 argument(s), got 0 (column 1)"

    /// A data directory with a certificate, alice's account and a configuration serving
    /// ManageSieve (STARTTLS) and LMTP on free loopback ports.
    struct Installation {
        let directory: URL
        var certificatePath: String { directory.appendingPathComponent("cert.pem").path }
        var configurationPath: String { directory.appendingPathComponent("columba.yaml").path }
        let configuration: String

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("columba-sieveclient-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let key = directory.appendingPathComponent("key.pem").path
            let certificatePath = directory.appendingPathComponent("cert.pem").path
            try SelfSignedCertificate.createIfMissing(certificatePath: certificatePath, keyPath: key, hostname: "mail.example.test")
            let users = directory.appendingPathComponent("users").path
            try "alice@example.test:{PLAIN}wonderland::::::\n".write(toFile: users, atomically: true, encoding: .utf8)
            configuration = """
                hostname: mail.example.test
                data_dir: \(directory.path)
                listeners:
                  sieve: { address: 127.0.0.1, port: 0 }
                  lmtp: { protocol: lmtp, address: 127.0.0.1, port: 0 }
                tls: { certificate: \(certificatePath), key: \(key) }
                auth:
                  mechanisms: [plain, login, scram-sha-256]
                  failure_delay: { initial: 100ms, max: 100ms }
                  passdb: { driver: passwd-file, path: \(users) }
                  userdb: { driver: passwd-file, path: \(users) }
                sieve: { max_script_size: 4096, max_scripts: 5 }
                """
            try configuration.write(toFile: directory.appendingPathComponent("columba.yaml").path, atomically: true, encoding: .utf8)
        }

        var home: String { directory.appendingPathComponent("mail/example.test/alice").path }

        /// `columba sieve VERB … -u alice@example.test`.
        func columbaSieve(_ arguments: [String]) throws -> ChildProcess.Result {
            try ServerProcess.runCommand(["sieve"] + arguments + ["-u", "alice@example.test", "--config", configurationPath])
        }

        func write(_ text: String, to name: String) throws -> String {
            let path = directory.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    static var requirePeers: Bool { ProcessInfo.processInfo.environment["TEST_REQUIRE_PEERS"] == "1" }

    static var sieveConnect: String? {
        ["/usr/bin/sieve-connect", "/usr/local/bin/sieve-connect"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var python: String {
        ProcessInfo.processInfo.environment["TEST_PYTHON"] ?? "python3"
    }

    /// Runs a child to completion on its own thread, not on the pool the server's sessions use.
    static func run(_ executable: String, _ arguments: [String], input: String? = nil) async throws -> ChildProcess.Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try ChildProcess.run(executable, arguments, input: input) })
            }.start()
        }
    }

    @Test("sieve-connect uploads, refuses a broken script with its position, activates; delivery runs the script")
    func sieveConnect() async throws {
        guard let sieveConnect = Self.sieveConnect else {
            #expect(!Self.requirePeers, "sieve-connect is not installed (scripts/install-test-deps)")
            return
        }
        let installation = try Installation()
        let server = try await ServerProcess.start(configuration: installation.configuration,
                                                   dataDirectory: installation.directory)
        let port = try server.port("sieve")
        func connect(_ action: [String]) async throws -> ChildProcess.Result {
            try await Self.run(sieveConnect, [
                "--server", "127.0.0.1", "--port", String(port), "--user", "alice@example.test", "--passwordfd", "0",
                "--tlscafile", installation.certificatePath, "--tlshostname", "mail.example.test", "--authmech", "PLAIN",
            ] + action, input: "wonderland\n")
        }
        let good = try installation.write(Self.filing, to: "filing.sieve")
        let bad = try installation.write(Self.broken, to: "broken.sieve")

        let upload = try await connect(["--upload", "--localsieve", good, "--remotesieve", "filing"])
        #expect(upload.status == 0, "\(upload.output)\n\(upload.error)\n\(server.log)")
        let refused = try await connect(["--upload", "--localsieve", bad, "--remotesieve", "broken"])
        #expect(refused.status != 0)
        #expect((refused.output + refused.error).contains(Self.brokenMessage), "\(refused.output)\n\(refused.error)")
        let check = try await connect(["--checkscript", "--localsieve", bad])
        #expect(check.status != 0)
        #expect((check.output + check.error).contains(Self.brokenMessage), "\(check.output)\n\(check.error)")
        let activate = try await connect(["--activate", "--remotesieve", "filing"])
        #expect(activate.status == 0, "\(activate.output)\n\(activate.error)")
        let list = try await connect(["--list"])
        #expect(list.status == 0)
        #expect(list.output.contains("filing"), "\(list.output)")
        #expect(!list.output.contains("broken"))

        #expect(try installation.columbaSieve(["list"]).output == "filing ACTIVE\n")
        #expect(try installation.columbaSieve(["get", "filing"]).output == Self.filing)
        let store = SieveScriptStore(home: installation.home)
        #expect(store.activePath() == store.path(of: "filing"))

        // LMTP delivery runs the script uploaded over ManageSieve.
        let lmtp = try await LineClient.connect(port: try server.port("lmtp"))
        _ = try await lmtp.readLine()
        try await lmtp.send("LHLO client.example.test")
        _ = try await lmtp.readUntil(prefix: "250 ")
        try await lmtp.send("MAIL FROM:<sender@example.org>")
        try await lmtp.send("RCPT TO:<alice@example.test>")
        try await lmtp.send("DATA")
        #expect(try await lmtp.readLine()?.hasPrefix("250") == true)
        #expect(try await lmtp.readLine()?.hasPrefix("250") == true)
        #expect(try await lmtp.readLine()?.hasPrefix("354") == true)
        try await lmtp.sendRaw(Array("Subject: filed by ManageSieve\r\n\r\nhello\r\n.\r\n".utf8))
        #expect(try await lmtp.readLine()?.hasPrefix("250 2.0.0") == true)
        await lmtp.close()
        let mail = try await UserMailStore.open(home: installation.home)
        #expect(try await mail.index.messages(in: "Archive").count == 1)
        #expect(try await mail.index.messages(in: "INBOX").isEmpty)
        await server.stop()
    }

    static let pythonScript = #"""
        import base64, socket, ssl, sys
        import managesieve, scramp
        port, filing, broken, broken_message = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
        m = managesieve.MANAGESIEVE("127.0.0.1", port, use_tls=True, tls_verify=False)
        assert m.implementation == "Columba", m.implementation
        assert "fileinto" in m.capabilities, m.capabilities
        assert m.login("", "alice@example.test", "wonderland") == "OK", m.response_text
        assert m.havespace("vacation", len(filing)) == "OK"
        assert m.havespace("vacation", 5000) == "NO" and m.response_code == "QUOTA/MAXSIZE", m.response_code
        assert m.putscript("vacation", filing) == "OK", m.response_text
        assert m.putscript("broken", broken) == "NO"
        assert m.response_text == broken_message, m.response_text
        assert m.setactive("vacation") == "OK", m.response_text
        assert m.listscripts() == ("OK", [("vacation", True)]), m.listscripts()
        assert m.getscript("vacation") == ("OK", filing), m.getscript("vacation")
        assert m.deletescript("vacation") == "NO" and m.response_code == "ACTIVE", m.response_code
        assert m.getscript("nothing")[0] == "NO" and m.response_code == "NONEXISTENT", m.response_code
        assert m.logout() == "OK"

        # SCRAM-SHA-256 over TLS: challenges as strings, the server's final message in (SASL ...).
        raw = socket.create_connection(("127.0.0.1", port), timeout=60)
        reader = raw.makefile("rb")
        def line():
            return reader.readline().decode().rstrip("\r\n")
        while not line().startswith("OK"):
            pass
        raw.sendall(b"STARTTLS\r\n")
        assert line() == 'OK "Begin TLS negotiation now."'
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        tls = context.wrap_socket(raw, server_hostname="mail.example.test")
        reader = tls.makefile("rb")
        capabilities = []
        while True:
            text = line()
            if text.startswith("OK"):
                break
            capabilities.append(text)
        assert '"STARTTLS"' not in capabilities, capabilities
        client = scramp.ScramClient(["SCRAM-SHA-256"], "alice@example.test", "wonderland")
        first = base64.b64encode(client.get_client_first().encode()).decode()
        tls.sendall(('AUTHENTICATE "SCRAM-SHA-256" "%s"\r\n' % first).encode())
        challenge = line()
        client.set_server_first(base64.b64decode(challenge.strip('"')).decode())
        final = base64.b64encode(client.get_client_final().encode()).decode()
        tls.sendall(('"%s"\r\n' % final).encode())
        reply = line()
        assert reply.startswith('OK (SASL "') and reply.endswith('") "Logged in."'), reply
        client.set_server_final(base64.b64decode(reply.split('"')[1]).decode())
        tls.sendall(b"LISTSCRIPTS\r\n")
        assert line() == '"vacation" ACTIVE'
        assert line() == 'OK "LISTSCRIPTS completed."'
        print("managesieve ok")
        """#

    @Test("Python's managesieve: STARTTLS, PLAIN, HAVESPACE, PUTSCRIPT, SETACTIVE, GETSCRIPT; SCRAM-SHA-256 by hand")
    func pythonClient() async throws {
        let probe = try await Self.run(Self.python, ["-c", "import managesieve, scramp"])
        guard probe.status == 0 else {
            #expect(!Self.requirePeers, "no Python with managesieve and scramp (scripts/install-test-deps): \(probe.error)")
            return
        }
        let installation = try Installation()
        let server = try await ServerProcess.start(configuration: installation.configuration,
                                                   dataDirectory: installation.directory)
        let result = try await Self.run(Self.python, ["-c", Self.pythonScript, String(try server.port("sieve")),
                                                      Self.filing, Self.broken, Self.brokenMessage])
        #expect(result.status == 0, "\(result.output)\n\(result.error)\n\(server.log)")
        #expect(result.output.contains("managesieve ok"))
        #expect(try installation.columbaSieve(["list"]).output == "vacation ACTIVE\n")
        await server.stop()
        #expect(server.log.contains("msg=\"logged in\""))
        #expect(!server.log.contains("wonderland"))
    }
}
