import Auth
import Foundation
import ServerKit

/// What the embedded default needs before the first start: the data directory, a self-signed
/// certificate, and one account whose password is shown once.
public enum FirstStart {
    /// What provisioning did, for the operator.
    public struct Report: Sendable {
        /// Set when a certificate was generated.
        public var generatedCertificate: String?
        /// Set when the first account was created: its name and the password, shown only now.
        public var createdAccount: (username: String, password: String)?
    }

    /// Creates what is missing. Safe to call on every start: existing files are left alone.
    public static func prepare(_ configuration: ColumbaConfiguration) throws -> Report {
        var report = Report()
        let files = FileManager.default
        try files.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true,
                                  attributes: [.posixPermissions: 0o700])
        if configuration.tls.usesGeneratedCertificate {
            let created = try SelfSignedCertificate.createIfMissing(
                certificatePath: configuration.tls.pair.certificate,
                keyPath: configuration.tls.pair.key,
                hostname: configuration.hostname
            )
            if created { report.generatedCertificate = configuration.tls.pair.certificate }
        }
        if case .passwdFile(let path) = configuration.auth.passdb, path == Self.builtInAccountFile(configuration),
            !files.fileExists(atPath: path)
        {
            let username = "demo@\(configuration.hostname)"
            let password = makePassword()
            let format = PasswordFormat(name: configuration.auth.defaultScheme) ?? PasswordFormat(.sha512Crypt)
            let stored = try PasswordHasher.hash(password: password, format: format)
            try AccountFile(path: path).add(PasswdFileEntry(username: username, password: stored))
            report.createdAccount = (username, password)
        }
        return report
    }

    /// `<data_dir>/users`, the account file of the embedded default.
    public static func builtInAccountFile(_ configuration: ColumbaConfiguration) -> String {
        "\(configuration.dataDirectory)/users"
    }

    /// 20 characters from an alphabet without look-alikes: about 112 bits.
    static func makePassword() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        return String((0..<20).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
