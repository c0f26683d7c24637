import Crypto
import Foundation
import SwiftASN1
import X509

@testable import ServerKit

/// A temporary directory with helpers to write `columba.yaml`, PEM pairs, and load configurations.
struct ConfigurationFixture: ~Copyable {
    /// The temporary directory, removed on deinit.
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "columba-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The path of `columba.yaml` in the fixture directory.
    var configPath: String { directory + "/columba.yaml" }

    /// Writes `text` to `name` below the directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        let path = directory + "/" + name
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    /// Writes `columba.yaml` and loads it.
    func load(_ yaml: String, environment: [String: String] = [:]) async throws -> ColumbaConfiguration {
        try write("columba.yaml", yaml)
        return try await ColumbaConfiguration.load(
            file: configPath,
            environment: environment,
            hostname: "mail.example.org"
        )
    }

    /// Loads `yaml` expecting a failure, and returns the printed problems.
    func problems(_ yaml: String, environment: [String: String] = [:]) async throws -> [String] {
        try write("columba.yaml", yaml)
        do {
            _ = try await ColumbaConfiguration.load(
                file: configPath,
                environment: environment,
                hostname: "mail.example.org"
            )
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    /// Writes a self-signed P-256 certificate and its key as `<name>.cert.pem` and `<name>.key.pem`.
    @discardableResult
    func writeCertificatePair(_ name: String, keyMode: Int = 0o600) throws -> (certificate: String, key: String) {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let subject = try DistinguishedName { CommonName("mail.example.org") }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: key.publicKey,
            notValidBefore: Date().addingTimeInterval(-60),
            notValidAfter: Date().addingTimeInterval(3600),
            issuer: subject,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: Certificate.Extensions {},
            issuerPrivateKey: key
        )
        let certificatePath = try write("\(name).cert.pem", certificate.serializeAsPEM().pemString, mode: 0o644)
        let keyPath = try write("\(name).key.pem", key.serializeAsPEM().pemString, mode: keyMode)
        return (certificatePath, keyPath)
    }
}
