/// Certificates, keys and protocol versions for STARTTLS and implicit-TLS listeners.
public struct TLSConfiguration: Sendable, Hashable {
    /// The lowest TLS version the server accepts.
    public enum MinimumVersion: String, Sendable, Hashable, CaseIterable {
        case tls12 = "1.2"
        case tls13 = "1.3"
    }

    /// A certificate chain and its private key, both PEM files.
    public struct CertificatePair: Sendable, Hashable {
        /// The PEM certificate chain, leaf first.
        public var certificate: String
        /// The PEM private key (PKCS#8, SEC1 or PKCS#1).
        public var key: String

        /// Creates a pair of paths.
        public init(certificate: String, key: String) {
            self.certificate = certificate
            self.key = key
        }
    }

    /// An extra certificate chosen when the client asks for `serverName` by SNI.
    public struct SNICertificate: Sendable, Hashable {
        /// The server name the client sends, such as `mail.example.net`.
        public var serverName: String
        /// The files served for that name.
        public var pair: CertificatePair

        /// Creates an SNI entry.
        public init(serverName: String, pair: CertificatePair) {
            self.serverName = serverName
            self.pair = pair
        }
    }

    /// The default certificate and key.
    public var pair: CertificatePair
    /// True when `pair` is the generated default under `<data_dir>/tls/`, which the server
    /// creates (self-signed) on first start if missing, before calling `validateFiles()`.
    public var usesGeneratedCertificate: Bool
    /// The lowest accepted TLS version.
    public var minimumVersion: MinimumVersion
    /// Extra certificates by SNI server name, in file order.
    public var sni: [SNICertificate]

    /// Creates a TLS configuration.
    public init(
        pair: CertificatePair,
        usesGeneratedCertificate: Bool,
        minimumVersion: MinimumVersion,
        sni: [SNICertificate]
    ) {
        self.pair = pair
        self.usesGeneratedCertificate = usesGeneratedCertificate
        self.minimumVersion = minimumVersion
        self.sni = sni
    }
}
