import NIOCore
import NIOPosix
import NIOSSL

/// Opens sessions to the server under test: TCP (or implicit TLS), the response reader, the
/// response deadline, the greeting, and STARTTLS when asked.
public struct IMAPConnector: Sendable {
    public let endpoint: ServerEndpoint
    private let tlsContext: NIOSSLContext?
    private let group: any EventLoopGroup

    public init(endpoint: ServerEndpoint, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) throws {
        self.endpoint = endpoint
        self.tlsContext = try endpoint.makeTLSContext()
        self.group = group
    }

    /// Connects, reads the greeting, runs STARTTLS if configured, then runs `body` with the session;
    /// the connection is closed when `body` returns or throws.
    public func withSession<Result>(user: String, _ body: (IMAPSession) async throws -> Result) async throws -> Result {
        let endpoint = self.endpoint
        let tlsContext = self.tlsContext
        let hostname = Self.isIPAddress(endpoint.host) ? nil : endpoint.host
        let timeout = TimeAmount.nanoseconds(Int64(endpoint.responseTimeoutSeconds * 1e9))
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .connect(host: endpoint.host, port: endpoint.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handlers = channel.pipeline.syncOperations
                    if endpoint.tls == .implicit, let tlsContext {
                        try handlers.addHandler(NIOSSLClientHandler(context: tlsContext, serverHostname: hostname))
                    }
                    try handlers.addHandler(ByteToMessageHandler(IMAPResponseDecoder()))
                    try handlers.addHandler(ResponseDeadlineHandler(timeout: timeout))
                    return try NIOAsyncChannel<ReceivedResponse, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            let session = IMAPSession(user: user, inbound: inbound, outbound: outbound, channel: channel.channel)
            _ = try await session.readGreeting()
            if endpoint.tls == .starttls, let tlsContext {
                try await session.startTLS(context: tlsContext, serverHostname: hostname)
            }
            return try await body(session)
        }
    }

    private static func isIPAddress(_ host: String) -> Bool {
        host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
    }
}
