import Crypto
import Foundation
import SwiftASN1
import X509

/// Makes the self-signed certificate the embedded default configuration serves until the
/// administrator installs a real one.
public enum SelfSignedCertificate {
    /// Writes a new P-256 key and a self-signed certificate for `hostname` (plus `localhost`,
    /// 127.0.0.1 and ::1) to the two paths, unless both files already exist.
    ///
    /// The key file is created with mode 0600 and written before the certificate, so a crash
    /// between the two leaves no certificate without its key.
    /// - Returns: `true` when new files were written.
    @discardableResult
    public static func createIfMissing(
        certificatePath: String,
        keyPath: String,
        hostname: String,
        validity: TimeInterval = 825 * 24 * 3600
    ) throws -> Bool {
        let files = FileManager.default
        if files.fileExists(atPath: certificatePath), files.fileExists(atPath: keyPath) {
            return false
        }
        let pems = try make(hostname: hostname, validity: validity)
        try writeAtomically(pems.keyPEM, to: keyPath, mode: 0o600)
        try writeAtomically(pems.certificatePEM, to: certificatePath, mode: 0o644)
        return true
    }

    /// A new self-signed certificate and its key, both PEM encoded.
    public static func make(
        hostname: String,
        validity: TimeInterval = 825 * 24 * 3600,
        notBefore: Date = Date()
    ) throws -> (certificatePEM: String, keyPEM: String) {
        let swiftCryptoKey = P256.Signing.PrivateKey()
        let key = Certificate.PrivateKey(swiftCryptoKey)
        let name = try DistinguishedName {
            CommonName(hostname)
            OrganizationName("Columba self-signed")
        }
        var names: [GeneralName] = [.dnsName(hostname)]
        if hostname != "localhost" { names.append(.dnsName("localhost")) }
        names.append(.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])))
        names.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice([UInt8](repeating: 0, count: 15) + [1]))))
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            try ExtendedKeyUsage([.serverAuth])
            SubjectAlternativeNames(names)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: key.publicKey,
            notValidBefore: notBefore.addingTimeInterval(-300),
            notValidAfter: notBefore.addingTimeInterval(validity),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: key
        )
        return (try certificate.serializeAsPEM().pemString, swiftCryptoKey.pemRepresentation)
    }

    private static func writeAtomically(_ text: String, to path: String, mode: Int) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = path + ".tmp"
        FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: mode])
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        try handle.write(contentsOf: Data(text.utf8))
        try handle.synchronize()
        try handle.close()
        guard rename(temporary, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
