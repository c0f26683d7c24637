import Foundation
import MailTesting
import NIOSSL
import ServerKit
import Testing

@Suite("Lifecycle")
struct LifecycleTests {
    @Test("SIGTERM under load: running logins finish, idle sessions get BYE, exit 0 within the drain deadline")
    func sigtermUnderLoad() async throws {
        let installation = try TestInstallation()
        let server = try await ServerProcess.start(configuration: installation.configuration(drainTimeout: "5s"))
        let port = try server.port("imap")
        var idle: [LineClient] = []
        for _ in 0..<10 {
            let client = try await LineClient.connect(port: port)
            _ = try await client.readLine()
            idle.append(client)
        }
        // Wrong passwords: each login is held for the 1 s failure delay, so they are in flight
        // when the signal arrives.
        var busy: [LineClient] = []
        for index in 0..<10 {
            let client = try await LineClient.connect(port: port)
            _ = try await client.readLine()
            try await client.send("b\(index) LOGIN nobody@example.test wrong")
            busy.append(client)
        }
        try await Task.sleep(for: .milliseconds(200))
        let signalled = ContinuousClock.now
        server.send(signal: SIGTERM)
        let status = try await server.waitForExit(timeout: .seconds(15))
        let elapsed = ContinuousClock.now - signalled
        #expect(status == 0)
        // The 5 s drain deadline, plus what process teardown takes on a loaded machine.
        #expect(elapsed < .seconds(10), "exit took \(elapsed), well beyond the 5 s drain deadline")
        for client in idle {
            #expect(try await client.readLine() == "* BYE Server shutting down.")
        }
        for (index, client) in busy.enumerated() {
            let lines = try await client.readUntil(prefix: "b\(index) ")
            #expect(lines.last?.hasPrefix("b\(index) NO [AUTHENTICATIONFAILED]") == true)
            #expect(try await client.readLine() == "* BYE Server shutting down.")
        }
    }

    @Test("SIGHUP: a new TLS connection sees the replaced certificate while an old one stays up")
    func sighupReplacesCertificate() async throws {
        let installation = try TestInstallation()
        let server = try await ServerProcess.start(configuration: installation.configuration())
        let port = try server.port("imaps")
        let oldCertificate = try installation.certificate()
        let old = try await LineClient.connect(port: port, security: .tls(serverName: installation.hostname), trust: [oldCertificate])
        _ = try await old.readLine()
        #expect(try await old.peerCertificate() == oldCertificate)

        // Replace the files the configuration names, then ask for a reload.
        let replacement = try SelfSignedCertificate.make(hostname: installation.hostname)
        try replacement.keyPEM.write(toFile: installation.keyPath, atomically: true, encoding: .utf8)
        chmod(installation.keyPath, 0o600)
        try replacement.certificatePEM.write(toFile: installation.certificatePath, atomically: true, encoding: .utf8)
        let newCertificate = try installation.certificate()
        #expect(newCertificate != oldCertificate)
        server.send(signal: SIGHUP)
        var reloaded = false
        // Polled for up to a minute: a hang guard, not a speed requirement.
        for _ in 0..<3000 where !reloaded {
            reloaded = server.log.contains("reload complete")
            if !reloaded { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(reloaded, "no reload in the log:\n\(server.log)")

        let new = try await LineClient.connect(port: port, security: .tls(serverName: installation.hostname), trust: [newCertificate])
        _ = try await new.readLine()
        #expect(try await new.peerCertificate() == newCertificate)
        try await old.send("a1 NOOP")
        #expect(try await old.readLine() == "a1 OK NOOP completed.")
        await old.close()
        await new.close()
        await server.stop()
    }

    @Test("SIGHUP with a broken configuration keeps the server running on the old one")
    func sighupWithBrokenConfiguration() async throws {
        let installation = try TestInstallation()
        let server = try await ServerProcess.start(configuration: installation.configuration())
        try "listeners: [broken".write(to: server.dataDirectory.appendingPathComponent("columba.yaml"), atomically: true, encoding: .utf8)
        server.send(signal: SIGHUP)
        var logged = false
        for _ in 0..<3000 where !logged {
            logged = server.log.contains("reload failed")
            if !logged { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(logged)
        let client = try await LineClient.connect(port: try server.port("imap"))
        #expect(try await client.readLine()?.hasPrefix("* OK") == true)
        await client.close()
        await server.stop()
    }
}
