import SwiftASN1
import X509

extension ColumbaConfiguration {
    /// Checks the files and directories the configuration names: each certificate and key is readable PEM,
    /// the key matches its certificate and is not readable by group or others, and the data directory,
    /// mail root and database files can be created or written.
    ///
    /// Call it after generating the default certificate (``TLSConfiguration/usesGeneratedCertificate``).
    /// Problems are located at the line (or variable) that set the path.
    /// - Throws: ``ConfigurationError`` listing every problem found.
    public func validateFiles() throws(ConfigurationError) {
        var problems: [ConfigurationProblem] = []
        problems += pairProblems(tls.pair, certificateKey: "tls.certificate", keyKey: "tls.key")
        for entry in tls.sni {
            let base = "tls.sni.\(entry.serverName)"
            problems += pairProblems(entry.pair, certificateKey: base + ".certificate", keyKey: base + ".key")
        }
        problems += directoryProblems(dataDirectory, key: "data_dir")
        problems += directoryProblems(mailRoot, key: "mail.root")
        for (key, database) in [("auth.passdb", auth.passdb), ("auth.userdb", auth.userdb)] {
            switch database {
            case .passwdFile(let path), .sqlite(let path, _):
                problems += databaseFileProblems(path, key: key + ".path")
            default:
                break
            }
        }
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
    }

    private func pairProblems(
        _ pair: TLSConfiguration.CertificatePair,
        certificateKey: String,
        keyKey: String
    ) -> [ConfigurationProblem] {
        var problems: [ConfigurationProblem] = []
        var certificate: Certificate?
        switch ConfigurationFileAccess.contents(of: pair.certificate) {
        case .failure(let failure):
            problems.append(
                sources.problem(
                    certificateKey,
                    "cannot read \(pair.certificate): \(failure.reason); "
                        + "expected a PEM certificate file readable by columba"
                )
            )
        case .success(let bytes):
            certificate = Self.firstDocument(bytes, where: { $0 == "CERTIFICATE" }).flatMap {
                try? Certificate(pemDocument: $0)
            }
            if certificate == nil {
                problems.append(
                    sources.problem(
                        certificateKey,
                        "\(pair.certificate) holds no PEM certificate; "
                            + "expected a file starting with -----BEGIN CERTIFICATE-----"
                    )
                )
            }
        }
        var privateKey: Certificate.PrivateKey?
        switch ConfigurationFileAccess.contents(of: pair.key) {
        case .failure(let failure):
            problems.append(
                sources.problem(
                    keyKey,
                    "cannot read \(pair.key): \(failure.reason); expected a PEM private key file readable by columba"
                )
            )
        case .success(let bytes):
            privateKey = Self.firstDocument(bytes, where: { $0.hasSuffix("PRIVATE KEY") })
                .flatMap { try? Certificate.PrivateKey(pemDocument: $0) }
            if privateKey == nil {
                problems.append(
                    sources.problem(
                        keyKey,
                        "\(pair.key) holds no usable PEM private key; expected -----BEGIN PRIVATE KEY----- (PKCS#8), "
                            + "EC PRIVATE KEY or RSA PRIVATE KEY"
                    )
                )
            }
            if let mode = ConfigurationFileAccess.permissions(pair.key), mode & 0o077 != 0 {
                problems.append(
                    sources.problem(
                        keyKey,
                        "\(pair.key) is readable by group or others (mode \(String(mode, radix: 8))); "
                            + "run chmod 600 \(pair.key)"
                    )
                )
            }
        }
        if let certificate, let privateKey, certificate.publicKey != privateKey.publicKey {
            problems.append(
                sources.problem(
                    keyKey,
                    "\(pair.key) does not match the certificate \(pair.certificate); "
                        + "expected the private key the certificate was issued for"
                )
            )
        }
        return problems
    }

    private static func firstDocument(_ bytes: [UInt8], where matches: (String) -> Bool) -> PEMDocument? {
        let documents = (try? PEMDocument.parseMultiple(pemString: String(decoding: bytes, as: UTF8.self))) ?? []
        return documents.first { matches($0.discriminator) }
    }

    /// A directory must be writable, or be creatable below its nearest existing ancestor.
    private func directoryProblems(_ path: String, key: String) -> [ConfigurationProblem] {
        var existing = path
        while !ConfigurationFileAccess.exists(existing) {
            existing = ConfigurationFileAccess.parent(of: existing)
        }
        guard ConfigurationFileAccess.isDirectory(existing) else {
            return [sources.problem(key, "\(existing) is not a directory; expected a directory path for \(path)")]
        }
        guard ConfigurationFileAccess.isWritableDirectory(existing) else {
            let what = existing == path ? path : "\(existing) (where \(path) would be created)"
            return [
                sources.problem(
                    key,
                    "\(what) is not writable; "
                        + "expected a directory the user running columba may write (chown or chmod it)"
                )
            ]
        }
        return []
    }

    /// A database file's directory must exist, unless the server creates it below the data directory.
    private func databaseFileProblems(_ path: String, key: String) -> [ConfigurationProblem] {
        let parent = ConfigurationFileAccess.parent(of: path)
        let createdByServer = path.hasPrefix(dataDirectory + "/")
        guard !createdByServer, !ConfigurationFileAccess.isDirectory(parent) else { return [] }
        return [
            sources.problem(key, "the directory \(parent) does not exist; expected an existing directory for \(path)")
        ]
    }
}
