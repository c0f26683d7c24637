import NIOSSL

/// Where the server under test listens and how to secure the connection.
public struct ServerEndpoint: Sendable {
    /// How TLS is used on the connection.
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Plain TCP (loopback benchmarks).
        case none
        /// TLS from the first byte (port 993).
        case implicit
        /// Plain TCP upgraded by the STARTTLS command (RFC 9051 §6.2.1).
        case starttls
    }

    public var host: String
    public var port: Int
    public var tls: TLSMode
    /// Accept any certificate (self-signed test servers); otherwise the system trust roots apply.
    public var acceptAnyCertificate: Bool
    /// How long to wait for each answer before failing the run.
    public var responseTimeoutSeconds: Double

    public init(host: String, port: Int, tls: TLSMode = .none, acceptAnyCertificate: Bool = false,
                responseTimeoutSeconds: Double = 60) {
        self.host = host
        self.port = port
        self.tls = tls
        self.acceptAnyCertificate = acceptAnyCertificate
        self.responseTimeoutSeconds = responseTimeoutSeconds
    }

    /// The TLS context for this endpoint, or nil for plain connections.
    func makeTLSContext() throws -> NIOSSLContext? {
        guard tls != .none else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        if acceptAnyCertificate {
            configuration.certificateVerification = .none
        }
        return try NIOSSLContext(configuration: configuration)
    }
}
