import Foundation
import Testing

@testable import ServerKit

@Suite("Configuration file checks")
struct ColumbaConfigurationFileChecksTests {
    /// A configuration whose TLS section names `certificate` and `key` on lines 3 and 4.
    private func load(_ fixture: borrowing ConfigurationFixture, certificate: String, key: String) async throws
        -> ColumbaConfiguration
    {
        try await fixture.load(
            """
            data_dir: \(fixture.directory)/data
            tls:
              certificate: \(certificate)
              key: \(key)
            """
        )
    }

    private func fileProblems(_ configuration: ColumbaConfiguration) -> [String] {
        do {
            try configuration.validateFiles()
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test("a matching pair with a private key passes")
    func validPair() async throws {
        let fixture = try ConfigurationFixture()
        let pair = try fixture.writeCertificatePair("server")
        let configuration = try await load(fixture, certificate: pair.certificate, key: pair.key)
        #expect(fileProblems(configuration) == [])
    }

    @Test("the default validates once its certificate is generated")
    func defaultValidates() async throws {
        let fixture = try ConfigurationFixture()
        let configuration = try await ColumbaConfiguration.load(
            file: nil,
            dataDirectory: fixture.directory + "/data",
            environment: [:]
        )
        try FileManager.default.createDirectory(
            atPath: fixture.directory + "/data/tls",
            withIntermediateDirectories: true
        )
        let pair = try fixture.writeCertificatePair("data/tls/generated")
        try FileManager.default.moveItem(atPath: pair.certificate, toPath: configuration.tls.pair.certificate)
        try FileManager.default.moveItem(atPath: pair.key, toPath: configuration.tls.pair.key)
        #expect(fileProblems(configuration) == [])
    }

    @Test("unreadable certificate")
    func unreadableCertificate() async throws {
        let fixture = try ConfigurationFixture()
        let pair = try fixture.writeCertificatePair("server")
        let missing = fixture.directory + "/missing.pem"
        let configuration = try await load(fixture, certificate: missing, key: pair.key)
        #expect(
            fileProblems(configuration) == [
                "\(fixture.configPath):3: tls.certificate: cannot read \(missing): no such file; "
                    + "expected a PEM certificate file readable by columba"
            ]
        )
    }

    @Test("unreadable key")
    func unreadableKey() async throws {
        let fixture = try ConfigurationFixture()
        let pair = try fixture.writeCertificatePair("server")
        let missing = fixture.directory + "/missing.key"
        let configuration = try await load(fixture, certificate: pair.certificate, key: missing)
        #expect(
            fileProblems(configuration) == [
                "\(fixture.configPath):4: tls.key: cannot read \(missing): no such file; "
                    + "expected a PEM private key file readable by columba"
            ]
        )
    }

    @Test("a file that is not PEM")
    func notPEM() async throws {
        let fixture = try ConfigurationFixture()
        let pair = try fixture.writeCertificatePair("server")
        let garbage = try fixture.write("garbage.pem", "hello\n")
        let configuration = try await load(fixture, certificate: garbage, key: pair.key)
        #expect(
            fileProblems(configuration).first?.hasPrefix(
                "\(fixture.configPath):3: tls.certificate: \(garbage) holds no PEM certificate"
            ) == true
        )
    }

    @Test("certificate and key that do not match")
    func mismatch() async throws {
        let fixture = try ConfigurationFixture()
        let first = try fixture.writeCertificatePair("first")
        let second = try fixture.writeCertificatePair("second")
        let configuration = try await load(fixture, certificate: first.certificate, key: second.key)
        #expect(
            fileProblems(configuration) == [
                "\(fixture.configPath):4: tls.key: \(second.key) does not match the certificate \(first.certificate); "
                    + "expected the private key the certificate was issued for"
            ]
        )
    }

    @Test("a key readable by others is refused with chmod 600")
    func keyPermissions() async throws {
        let fixture = try ConfigurationFixture()
        let pair = try fixture.writeCertificatePair("server", keyMode: 0o644)
        let configuration = try await load(fixture, certificate: pair.certificate, key: pair.key)
        #expect(
            fileProblems(configuration) == [
                "\(fixture.configPath):4: tls.key: \(pair.key) is readable by group or others (mode 644); "
                    + "run chmod 600 \(pair.key)"
            ]
        )
    }

    @Test("a passwd-file in a directory that does not exist")
    func passwdFileDirectory() async throws {
        let fixture = try ConfigurationFixture()
        let configuration = try await fixture.load(
            """
            data_dir: \(fixture.directory)/data
            auth:
              passdb: { driver: passwd-file, path: /nonexistent/columba/users }
            """
        )
        #expect(
            fileProblems(configuration).contains(
                "\(fixture.configPath):3: auth.passdb.path: the directory /nonexistent/columba does not exist; "
                    + "expected an existing directory for /nonexistent/columba/users"
            )
        )
    }
}
