import ColumbaServer
import Foundation
import MailTesting
import NIOSSL
import ServerKit
import Testing

@Suite("Embedded default", .serialized)
struct EmbeddedDefaultTests {
    @Test("first start makes a certificate and one account, prints them, and the account logs in over IMAPS")
    func firstStart() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("columba-default-\(UUID().uuidString)")
        // Free ports instead of 1143/1993/1024 so the test cannot collide with a running server.
        let environment = [
            "COLUMBA_LISTENERS_IMAP_PORT": "0", "COLUMBA_LISTENERS_IMAPS_PORT": "0", "COLUMBA_LISTENERS_LMTP_PORT": "0",
            "COLUMBA_LISTENERS_MANAGESIEVE_PORT": "0",
        ]
        let server = try await ServerProcess.start(configuration: nil, dataDirectory: data, environment: environment)
        let output = server.output
        let account = try #require(output.first { $0.hasPrefix("created account ") })
        let words = account.split(separator: " ")
        let username = String(words[2])
        let password = String(words[5])
        #expect(username.hasPrefix("demo@"))
        #expect(password.count == 20)
        #expect(output.contains { $0.hasPrefix("listening imap 127.0.0.1:") && $0.hasSuffix(" starttls") })
        #expect(output.contains { $0.hasPrefix("listening imaps 127.0.0.1:") && $0.hasSuffix(" implicit") })
        #expect(output.contains { $0.hasPrefix("generated a self-signed certificate") })
        // The password is stored hashed, never in clear.
        let users = try String(contentsOf: data.appendingPathComponent("users"), encoding: .utf8)
        #expect(!users.contains(password))
        #expect(users.hasPrefix("\(username):{"))
        let keyMode = try FileManager.default.attributesOfItem(atPath: data.appendingPathComponent("tls/key.pem").path)[.posixPermissions] as? Int
        #expect(keyMode == 0o600)

        let certificate = try NIOSSLCertificate.fromPEMFile(data.appendingPathComponent("tls/cert.pem").path)[0]
        let client = try await LineClient.connect(
            port: try server.port("imaps"), security: .tls(serverName: "localhost"), trust: [certificate]
        )
        let greeting = try #require(try await client.readLine())
        #expect(greeting.hasPrefix("* OK [CAPABILITY IMAP4rev2 IMAP4rev1 ID ENABLE LITERAL- SASL-IR AUTH=PLAIN"))
        try await client.send("a1 LOGIN \(username) \(password)")
        #expect(try await client.readUntil(prefix: "a1 ").last?.hasPrefix("a1 OK") == true)
        await client.close()
        await server.stop()

        // A second start keeps the account and prints no password.
        let again = try await ServerProcess.start(configuration: nil, dataDirectory: data, environment: environment)
        #expect(!again.output.contains { $0.hasPrefix("created account") })
        #expect(!again.output.contains { $0.hasPrefix("generated a self-signed") })
        await again.stop()
        #expect(try await again.waitForExit(timeout: .seconds(10)) == 0)
    }
}

@Suite("In-process server")
struct InProcessServerTests {
    @Test("the embedded default runs in process; its account logs in over STARTTLS; stop drains")
    func embeddedDefault() async throws {
        let environment = [
            "COLUMBA_LISTENERS_IMAP_PORT": "0", "COLUMBA_LISTENERS_IMAPS_PORT": "0", "COLUMBA_LISTENERS_LMTP_PORT": "0",
            "COLUMBA_LISTENERS_MANAGESIEVE_PORT": "0",
        ]
        let (server, report) = try await InProcessServer.start(configuration: nil, environment: environment)
        let account = try #require(report.createdAccount)
        let certificate = try NIOSSLCertificate.fromPEMFile(server.runtime.configuration.tls.pair.certificate)[0]
        let client = try await LineClient.connect(port: try server.port("imap"), trust: [certificate])
        _ = try await client.readLine()
        try await client.send("a1 STARTTLS")
        #expect(try await client.readLine() == "a1 OK Begin TLS negotiation now.")
        try await client.startTLS(serverName: "localhost")
        try await client.send("a2 LOGIN \(account.username) \(account.password)")
        let loggedIn = try await client.readLine()
        #expect(loggedIn?.hasPrefix("a2 OK [CAPABILITY IMAP4rev2 IMAP4rev1 ID ENABLE LITERAL+ ") == true)
        #expect(loggedIn?.hasSuffix("] Logged in.") == true)
        try await server.stop()
        #expect(try await client.readLine() == "* BYE Server shutting down.")
    }
}
