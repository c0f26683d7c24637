import NIOCore

/// Where and how a listener accepts connections.
public struct ListenerSettings: Sendable {
    /// A name for logs, such as `imap` or `imaps`.
    public var name: String
    public var host: String
    /// 0 picks a free port; ``Listener/boundAddress()`` tells which.
    public var port: Int
    public var tls: ListenerConfiguration.TLSMode
    /// The longest command line accepted, line ending excluded.
    public var maximumLineLength: Int
    public var idleTimeout: TimeAmount
    public var maximumConnections: Int
    public var maximumConnectionsPerAddress: Int

    public init(
        name: String,
        host: String,
        port: Int,
        tls: ListenerConfiguration.TLSMode,
        maximumLineLength: Int = 8192,
        idleTimeout: TimeAmount = .minutes(30),
        maximumConnections: Int = 1000,
        maximumConnectionsPerAddress: Int = 20
    ) {
        self.name = name
        self.host = host
        self.port = port
        self.tls = tls
        self.maximumLineLength = maximumLineLength
        self.idleTimeout = idleTimeout
        self.maximumConnections = maximumConnections
        self.maximumConnectionsPerAddress = maximumConnectionsPerAddress
    }
}
