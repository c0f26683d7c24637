import Foundation
import MailTesting
import NIOSSL
import ServerKit

/// A data directory with a certificate, an account file and a configuration for one test.
struct TestInstallation {
    let directory: URL
    var certificatePath: String { directory.appendingPathComponent("cert.pem").path }
    var keyPath: String { directory.appendingPathComponent("key.pem").path }
    var usersPath: String { directory.appendingPathComponent("users").path }
    let hostname = "mail.example.test"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("columba-it-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try SelfSignedCertificate.createIfMissing(certificatePath: certificatePath, keyPath: keyPath, hostname: hostname)
    }

    /// A configuration with IMAP (STARTTLS) and IMAPS on free loopback ports and the given auth section.
    func configuration(
        auth: String? = nil,
        drainTimeout: String = "5s",
        plaintext: String = "allow_loopback"
    ) -> String {
        """
        hostname: \(hostname)
        data_dir: \(directory.path)
        listeners:
          imap: { protocol: imap, address: 127.0.0.1, port: 0, tls: starttls }
          imaps: { protocol: imap, address: 127.0.0.1, port: 0, tls: implicit }
        tls:
          certificate: \(certificatePath)
          key: \(keyPath)
        auth:
          plaintext: \(plaintext)
          failure_delay: { initial: 1s, max: 2s }
        \(auth ?? """
              passdb: { driver: passwd-file, path: \(usersPath) }
              userdb: { driver: passwd-file, path: \(usersPath) }
            """)
        shutdown:
          drain_timeout: \(drainTimeout)
        """
    }

    /// Writes the configuration to `columba.yaml` and returns its path.
    func writeConfiguration(_ text: String, name: String = "columba.yaml") throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func certificate() throws -> NIOSSLCertificate {
        try NIOSSLCertificate.fromPEMFile(certificatePath)[0]
    }

    /// Runs `columba` with `--config` of this installation.
    func run(_ arguments: [String], configuration: String, input: String? = nil) throws -> ChildProcess.Result {
        let path = try writeConfiguration(configuration)
        return try ServerProcess.runCommand(arguments + ["--config", path], standardInput: input)
    }
}

/// Whether tests that need an outside program must fail rather than skip when it is missing
/// (set by scripts/test).
let peersRequired = ProcessInfo.processInfo.environment["TEST_REQUIRE_PEERS"] == "1"
