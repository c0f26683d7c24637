import Logging
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle

/// A bound TCP port that runs a protocol session for each accepted connection.
///
/// Connections are handled concurrently as children of one discarding task group. On graceful
/// shutdown the listening socket closes at once, sessions finish what they are doing (each
/// handler watches for graceful shutdown itself), and `run()` returns when the last one ends;
/// the service group cancels whatever is still running after its drain deadline.
public final class Listener<Handler: ConnectionHandler>: Service {
    private typealias Accepted = (NIOAsyncChannel<Handler.Framing.InboundOut, ByteBuffer>, Connection)

    public let settings: ListenerSettings
    private let handler: Handler
    private let limiter: ConnectionLimiter
    private let logger: Logger
    private let serverChannel: NIOAsyncChannel<Accepted, Never>

    /// The address the listening socket is bound to (with the real port when 0 was asked).
    public let boundAddress: SocketAddress?

    private init(
        settings: ListenerSettings,
        handler: Handler,
        limiter: ConnectionLimiter,
        logger: Logger,
        serverChannel: NIOAsyncChannel<Accepted, Never>
    ) {
        self.settings = settings
        self.handler = handler
        self.limiter = limiter
        self.logger = logger
        self.serverChannel = serverChannel
        self.boundAddress = serverChannel.channel.localAddress
    }

    /// Binds the listening socket. Fails at once when the address is taken or not local.
    /// - Parameter certificates: needed for ``ListenerSettings/TLSMode/implicit`` and
    ///   ``ListenerSettings/TLSMode/starttls``.
    public static func bind(
        settings: ListenerSettings,
        handler: Handler,
        certificates: TLSCertificateStore?,
        logger: Logger,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> Listener {
        var logger = logger
        logger[metadataKey: "listener"] = "\(settings.name)"
        let childLogger = logger
        if settings.tls != .none, certificates == nil {
            throw ListenerError(name: settings.name, reason: "TLS mode \(settings.tls.rawValue) needs certificates")
        }
        let serverChannel: NIOAsyncChannel<Accepted, Never>
        do {
            serverChannel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .bind(host: settings.host, port: settings.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        if settings.tls == .implicit, let certificates {
                            try pipeline.addHandler(NIOSSLServerHandler(context: certificates.currentContext()))
                        }
                        try pipeline.addHandler(IdleStateHandler(readTimeout: settings.idleTimeout))
                        try pipeline.addHandler(IdleTimeoutHandler(farewell: handler.idleTimeoutMessage))
                        let framing = handler.makeFraming(settings: settings)
                        try pipeline.addHandler(framing)
                        let asyncChannel = try NIOAsyncChannel<Handler.Framing.InboundOut, ByteBuffer>(
                            wrappingChannelSynchronously: channel
                        )
                        let connection = Connection(
                            channel: channel,
                            framing: framing,
                            certificates: settings.tls == .starttls ? certificates : nil,
                            implicitTLS: settings.tls == .implicit,
                            logger: childLogger
                        )
                        return (asyncChannel, connection)
                    }
                }
        } catch {
            throw ListenerError(
                name: settings.name,
                reason: "cannot listen on \(settings.host):\(settings.port): \(error)"
            )
        }
        let limiter = ConnectionLimiter(
            maximumTotal: settings.maximumConnections,
            maximumPerAddress: settings.maximumConnectionsPerAddress
        )
        return Listener(
            settings: settings,
            handler: handler,
            limiter: limiter,
            logger: logger,
            serverChannel: serverChannel
        )
    }

    /// The number of sessions running now.
    public var openConnections: Int { limiter.openConnections }

    /// Whether the listening socket is open; false once graceful shutdown has closed it.
    public var isAcceptingConnections: Bool { serverChannel.channel.isActive }

    public func run() async throws {
        let serverChannel = self.serverChannel
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await serverChannel.executeThenClose { inbound in
                    for try await (channel, connection) in inbound {
                        group.addTask {
                            await self.serve(channel: channel, connection: connection)
                        }
                    }
                }
            }
        } onGracefulShutdown: {
            serverChannel.channel.close(promise: nil)
        }
        logger.info("listener stopped")
    }

    private func serve(channel: NIOAsyncChannel<Handler.Framing.InboundOut, ByteBuffer>, connection: Connection) async {
        if let refusal = limiter.admit(connection.remoteIP) {
            connection.logger.notice("connection refused", metadata: ["reason": "\(refusal)"])
            try? await channel.executeThenClose { _, outbound in
                try await outbound.write(ByteBuffer(string: handler.refusalMessage(refusal)))
            }
            return
        }
        defer { limiter.release(connection.remoteIP) }
        connection.logger.info("connected", metadata: ["tls": "\(connection.isTLS)"])
        do {
            try await handler.handle(connection: connection, channel: channel)
        } catch {
            connection.logger.info("session ended by error", metadata: ["error": "\(error)"])
        }
        connection.close()
        connection.logger.info("disconnected")
    }
}

/// A listener that could not be set up.
public struct ListenerError: Error, CustomStringConvertible {
    /// The listener's name from the configuration.
    public var name: String
    public var reason: String

    public var description: String { "listener \(name): \(reason)" }
}
