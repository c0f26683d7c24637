/// The connection a login arrives on.
public struct ClientInfo: Sendable, Hashable {
    /// The client's IP address as text (`192.0.2.1`, `2001:db8::1`).
    public var remoteAddress: String
    /// The local address it connected to, when known.
    public var localAddress: String?
    /// Whether the connection is protected by TLS.
    public var isTLS: Bool
    /// The service (`imap`, `submission`, `lmtp`, `managesieve`, `cli`).
    public var service: String
    /// The protocol session's identifier, so auth log lines can be matched with the session's.
    public var session: String?

    /// Creates connection information.
    public init(remoteAddress: String, localAddress: String? = nil, isTLS: Bool, service: String, session: String? = nil) {
        self.remoteAddress = remoteAddress
        self.localAddress = localAddress
        self.isTLS = isTLS
        self.service = service
        self.session = session
    }

    /// Whether the client address is loopback (`127.0.0.0/8`, `::1`, `::ffff:127.x`).
    public var isLoopback: Bool {
        var address = remoteAddress.lowercased()
        if address.hasPrefix("[") && address.hasSuffix("]") { address = String(address.dropFirst().dropLast()) }
        if address.hasPrefix("::ffff:") { address = String(address.dropFirst("::ffff:".count)) }
        return address == "::1" || address == "0:0:0:0:0:0:0:1" || address.hasPrefix("127.")
    }

    /// Whether plaintext mechanisms are allowed on this connection under `policy`.
    public func allowsPlaintext(_ policy: PlaintextPolicy) -> Bool {
        switch policy {
        case .allow: true
        case .requireTLS: isTLS
        case .allowLoopback: isTLS || isLoopback
        }
    }

    func lookupRequest(username: String) -> LookupRequest {
        LookupRequest(username: username, service: service, remoteAddress: remoteAddress, localAddress: localAddress)
    }
}
