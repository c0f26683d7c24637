/// One listening socket set: a protocol served on one port of one or more addresses.
///
/// In the file, listeners form a map from a name the operator chooses to the listener:
/// ```yaml
/// listeners:
///   imaps: { protocol: imap, address: [0.0.0.0, "::"], port: 993, tls: implicit }
/// ```
public struct ListenerConfiguration: Sendable, Hashable {
    /// The protocol a listener speaks.
    public enum ServiceProtocol: String, Sendable, Hashable, CaseIterable {
        case imap
        case lmtp
        case smtp
        case submission
        case managesieve

        /// The registered port for this protocol with the given TLS mode (RFC 8314 for implicit TLS).
        public func standardPort(tls: TLSMode) -> Int {
            switch (self, tls) {
            case (.imap, .implicit): 993
            case (.imap, _): 143
            case (.lmtp, _): 24
            case (.smtp, _): 25
            case (.submission, .implicit): 465
            case (.submission, _): 587
            case (.managesieve, _): 4190
            }
        }

        /// The TLS mode a listener gets when its `tls` key is absent.
        public var defaultTLS: TLSMode {
            self == .lmtp ? .none : .starttls
        }

        /// Whether clients log in with a password on this protocol (SMTP on port 25 offers no AUTH).
        public var acceptsPasswords: Bool {
            switch self {
            case .imap, .submission, .managesieve: true
            case .lmtp, .smtp: false
            }
        }
    }

    /// How a listener secures its connections.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Plain text only (LMTP on loopback, or behind a TLS-terminating proxy).
        case none
        /// Plain text until the client sends STARTTLS.
        case starttls
        /// TLS from the first byte (IMAPS, submissions).
        case implicit
    }

    /// The operator's name of the listener (the key under `listeners`).
    public var name: String
    /// The protocol served.
    public var serviceProtocol: ServiceProtocol
    /// IP addresses to bind, such as `127.0.0.1`, `::1`, `0.0.0.0` (all IPv4) or `::` (all IPv6).
    public var addresses: [String]
    /// The TCP port, 0...65535; 0 picks a free port at start (`serve` prints which), for tests.
    public var port: Int
    /// How connections are secured.
    public var tls: TLSMode

    /// Creates a listener.
    public init(name: String, serviceProtocol: ServiceProtocol, addresses: [String], port: Int, tls: TLSMode) {
        self.name = name
        self.serviceProtocol = serviceProtocol
        self.addresses = addresses
        self.port = port
        self.tls = tls
    }
}
