import Foundation
import MailTesting
import NIOCore
import NIOSSL
import Testing

@testable import ServerKit

@Suite("TLS")
struct TLSTests {
    @Test("implicit TLS serves the certificate chosen by SNI, the default otherwise")
    func sni() async throws {
        let main = try TestCertificates(hostname: "mail.example.test")
        let other = try TestCertificates(hostname: "mx.example.org", directory: main.directory)
        let store = try TLSCertificateStore(
            configuration: tlsConfiguration(main.pair, sni: [.init(serverName: "MX.example.org", pair: other.pair)])
        )
        let trust = [try main.certificate(), try other.certificate()]
        try await withEchoListener(tls: .implicit, certificates: store) { listener, _ in
            for (name, expected) in [("mail.example.test", try main.certificate()),
                                     ("mx.example.org", try other.certificate())] {
                let client = try await LineClient.connect(port: listener.port, security: .tls(serverName: name), trust: trust)
                #expect(try await client.readLine() == "HELLO tls=true")
                #expect(try await client.peerCertificate() == expected)
                await client.close()
            }
        }
    }

    @Test("reload: a new connection sees the new certificate while an old one stays up")
    func reload() async throws {
        let before = try TestCertificates(hostname: "mail.example.test")
        let after = try TestCertificates(hostname: "mail.example.test")
        let store = try TLSCertificateStore(configuration: tlsConfiguration(before.pair))
        // Both certificates carry the same subject, so each client trusts only the one it expects.
        try await withEchoListener(tls: .implicit, certificates: store) { listener, _ in
            let old = try await LineClient.connect(
                port: listener.port, security: .tls(serverName: "mail.example.test"), trust: [try before.certificate()]
            )
            #expect(try await old.readLine() == "HELLO tls=true")
            #expect(try await old.peerCertificate() == (try before.certificate()))
            try store.reload(configuration: tlsConfiguration(after.pair))
            let new = try await LineClient.connect(
                port: listener.port, security: .tls(serverName: "mail.example.test"), trust: [try after.certificate()]
            )
            #expect(try await new.readLine() == "HELLO tls=true")
            #expect(try await new.peerCertificate() == (try after.certificate()))
            try await old.send("ECHO still up")
            #expect(try await old.readLine() == "still up")
            await old.close()
            await new.close()
        }
    }

    @Test("a failed reload keeps the old certificate")
    func failedReload() throws {
        let good = try TestCertificates(hostname: "mail.example.test")
        let store = try TLSCertificateStore(configuration: tlsConfiguration(good.pair))
        let before = store.currentContext()
        let missing = ServerKit.TLSConfiguration.CertificatePair(certificate: "/nonexistent/cert.pem", key: good.keyPath)
        #expect(throws: TLSLoadError.self) { try store.reload(configuration: tlsConfiguration(missing)) }
        #expect(store.currentContext() === before)
    }

    @Test("a key that does not belong to the certificate is refused")
    func mismatch() throws {
        let first = try TestCertificates(hostname: "a.example.test")
        let second = try TestCertificates(hostname: "b.example.test", directory: first.directory)
        let wrong = ServerKit.TLSConfiguration.CertificatePair(certificate: first.certificatePath, key: second.keyPath)
        #expect(throws: TLSLoadError.self) {
            try TLSCertificateStore(configuration: tlsConfiguration(wrong))
        }
    }

    @Test("STARTTLS discards plaintext pipelined after the command")
    func startTLSDiscardsPipelinedPlaintext() async throws {
        let certificates = try TestCertificates(hostname: "mail.example.test")
        let store = try TLSCertificateStore(configuration: tlsConfiguration(certificates.pair))
        try await withEchoListener(tls: .starttls, certificates: store) { listener, _ in
            let client = try await LineClient.connect(port: listener.port, trust: [try certificates.certificate()])
            #expect(try await client.readLine() == "HELLO tls=false")
            // The injected ECHO must never be executed, neither before nor after the handshake.
            try await client.sendRaw(Array("STARTTLS\r\nECHO injected\r\n".utf8))
            #expect(try await client.readLine() == "GO")
            try await client.startTLS(serverName: "mail.example.test")
            try await client.send("ECHO secret")
            #expect(try await client.readLine() == "secret")
            #expect(try await client.peerCertificate() == (try certificates.certificate()))
            await client.close()
        }
    }

    @Test("TLS 1.1 and older are refused")
    func minimumVersion() async throws {
        let certificates = try TestCertificates(hostname: "mail.example.test")
        let store = try TLSCertificateStore(configuration: tlsConfiguration(certificates.pair))
        try await withEchoListener(tls: .implicit, certificates: store) { listener, _ in
            var configuration = NIOSSL.TLSConfiguration.makeClientConfiguration()
            configuration.maximumTLSVersion = .tlsv11
            configuration.certificateVerification = .none
            let client = try await LineClient.connect(
                port: listener.port, security: .tlsConfiguration(configuration, serverName: nil)
            )
            await #expect(throws: (any Error).self) { _ = try await client.readLine() }
        }
    }
}
