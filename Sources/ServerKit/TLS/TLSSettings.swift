/// What a TLS server needs to know: the certificate files, the lowest protocol version it accepts,
/// and extra certificates chosen by the name a client asks for (SNI).
public struct TLSSettings: Sendable, Equatable {
    /// A certificate chain and its private key, both PEM files.
    public struct Identity: Sendable, Equatable {
        /// The PEM file holding the leaf certificate followed by any intermediates.
        public var certificatePath: String
        /// The PEM file holding the private key of the leaf certificate.
        public var keyPath: String

        public init(certificatePath: String, keyPath: String) {
            self.certificatePath = certificatePath
            self.keyPath = keyPath
        }
    }

    /// The lowest TLS version accepted. Columba never goes below TLS 1.2.
    public enum MinimumVersion: String, Sendable, Equatable, CaseIterable {
        case tls12 = "1.2"
        case tls13 = "1.3"
    }

    /// The identity served when the client sends no SNI name or one that has no entry in ``sni``.
    public var defaultIdentity: Identity
    /// Identities by the lower-cased server name a client sends in its hello.
    public var sni: [String: Identity]
    public var minimumVersion: MinimumVersion

    public init(defaultIdentity: Identity, sni: [String: Identity] = [:], minimumVersion: MinimumVersion = .tls12) {
        self.defaultIdentity = defaultIdentity
        self.sni = Dictionary(uniqueKeysWithValues: sni.map { ($0.key.lowercased(), $0.value) })
        self.minimumVersion = minimumVersion
    }
}
