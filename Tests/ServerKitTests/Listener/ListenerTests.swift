import Foundation
import Logging
import MailTesting
import NIOCore
import NIOSSL
import ServiceLifecycle
import Testing

@testable import ServerKit

/// Certificates made for one test, in a temporary folder.
struct TestCertificates {
    let directory: URL
    let hostname: String
    var certificatePath: String { directory.appendingPathComponent("\(hostname).pem").path }
    var keyPath: String { directory.appendingPathComponent("\(hostname).key").path }
    var pair: ServerKit.TLSConfiguration.CertificatePair { .init(certificate: certificatePath, key: keyPath) }

    init(hostname: String, directory: URL? = nil) throws {
        self.hostname = hostname
        self.directory = directory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("columba-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        try SelfSignedCertificate.createIfMissing(certificatePath: certificatePath, keyPath: keyPath, hostname: hostname)
    }

    func certificate() throws -> NIOSSLCertificate {
        try NIOSSLCertificate.fromPEMFile(certificatePath)[0]
    }
}

/// A TLS configuration serving `pair`, plus SNI entries.
func tlsConfiguration(_ pair: ServerKit.TLSConfiguration.CertificatePair, sni: [ServerKit.TLSConfiguration.SNICertificate] = []) -> ServerKit.TLSConfiguration {
    ServerKit.TLSConfiguration(pair: pair, usesGeneratedCertificate: false, minimumVersion: .tls12, sni: sni)
}

func quietLogger() -> Logger {
    Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
}

/// Runs `body` with a listener serving ``EchoHandler``, inside a service group, and shuts it down after.
func withEchoListener(
    tls: ListenerConfiguration.TLSMode = .none,
    certificates: TLSCertificateStore? = nil,
    lineLength: Int = 100,
    idleTimeout: TimeAmount = .seconds(30),
    perAddress: Int = 20,
    _ body: (Listener<EchoHandler>, ServiceGroup) async throws -> Void
) async throws {
    let settings = ListenerSettings(
        name: "echo", host: "127.0.0.1", port: 0, tls: tls, maximumLineLength: lineLength,
        idleTimeout: idleTimeout, maximumConnections: 100, maximumConnectionsPerAddress: perAddress
    )
    let listener = try await Listener.bind(
        settings: settings, handler: EchoHandler(), certificates: certificates, logger: quietLogger()
    )
    let group = ServiceGroup(
        configuration: .init(services: [.init(service: listener)], logger: quietLogger())
    )
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        try await body(listener, group)
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}

extension Listener {
    var port: Int { boundAddress!.port! }
}

@Suite("Listener")
struct ListenerTests {
    @Test("serves lines and answers an overlong line without dropping the connection")
    func echo() async throws {
        try await withEchoListener(lineLength: 20) { listener, _ in
            let client = try await LineClient.connect(port: listener.port)
            #expect(try await client.readLine() == "HELLO tls=false")
            try await client.send("ECHO hello")
            #expect(try await client.readLine() == "hello")
            try await client.send("ECHO " + String(repeating: "y", count: 100))
            #expect(try await client.readLine() == "ERR too long")
            try await client.send("ECHO still here")
            #expect(try await client.readLine() == "still here")
            await client.close()
        }
    }

    @Test("refuses connections over the per-address limit with the protocol's message", .timeLimit(.minutes(1)))
    func perAddressLimit() async throws {
        try await withEchoListener(perAddress: 2) { listener, _ in
            let first = try await LineClient.connect(port: listener.port)
            let second = try await LineClient.connect(port: listener.port)
            #expect(try await first.readLine() == "HELLO tls=false")
            #expect(try await second.readLine() == "HELLO tls=false")
            let third = try await LineClient.connect(port: listener.port)
            #expect(try await third.readLine() == "REFUSED tooManyConnectionsFromAddress")
            #expect(try await third.readLine() == nil)
            await first.close()
            // Once the server has seen the close (however long a loaded machine takes), the
            // slot is free again and a new client is served.
            while listener.openConnections > 1 {
                try await Task.sleep(for: .milliseconds(10))
            }
            let next = try await LineClient.connect(port: listener.port)
            #expect(try await next.readLine() == "HELLO tls=false")
            await next.close()
            await second.close()
        }
    }

    @Test("closes an idle connection with the protocol's farewell", .timeLimit(.minutes(1)))
    func idleTimeout() async throws {
        try await withEchoListener(idleTimeout: .milliseconds(500)) { listener, _ in
            let client = try await LineClient.connect(port: listener.port)
            var lines: [String] = []
            while let line = try await client.readLine() { lines.append(line) }
            // On a loaded machine the timeout may fire before the session has sent its greeting.
            #expect(lines.contains("IDLE timeout"), "\(lines)")
            #expect(Set(lines).isSubset(of: ["HELLO tls=false", "IDLE timeout"]), "\(lines)")
        }
    }

    @Test("graceful shutdown lets a running command finish and closes waiting sessions")
    func drain() async throws {
        try await withEchoListener { listener, group in
            let busy = try await LineClient.connect(port: listener.port)
            let waiting = try await LineClient.connect(port: listener.port)
            #expect(try await busy.readLine() == "HELLO tls=false")
            #expect(try await waiting.readLine() == "HELLO tls=false")
            try await busy.send("SLOW 500")
            try await Task.sleep(for: .milliseconds(100))
            #expect(listener.isAcceptingConnections)
            await group.triggerGracefulShutdown()
            #expect(try await waiting.readLine() == "BYE shutting down")
            #expect(try await waiting.readLine() == nil)
            #expect(try await busy.readLine() == "DONE")
            #expect(try await busy.readLine() == "BYE shutting down")
            #expect(try await busy.readLine() == nil)
            // The listening socket is closed. (Connecting to its port proves nothing: a
            // listener of a test running in parallel may have been given the same port.)
            #expect(!listener.isAcceptingConnections)
        }
    }
}
