import NIOCore
import NIOPosix
import SMTPGrammar

/// Opens LMTP sessions to the server under test: TCP, the reply reader and tracker, and the
/// greeting, which must be a 220. LMTP runs on trusted networks without TLS (RFC 2033 §1).
public struct LMTPConnector: Sendable {
    public let host: String
    public let port: Int
    /// How long to wait for each reply before failing the run.
    public let responseTimeoutSeconds: Double
    private let group: any EventLoopGroup

    public init(host: String, port: Int, responseTimeoutSeconds: Double = 60,
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.host = host
        self.port = port
        self.responseTimeoutSeconds = responseTimeoutSeconds
        self.group = group
    }

    /// Connects, reads the greeting, then runs `body` with the session; the connection is closed
    /// when `body` returns or throws. `name` identifies the session in error reports.
    public func withSession<Result>(name: String, _ body: (LMTPClientSession) async throws -> Result) async throws -> Result {
        let timeout = TimeAmount.nanoseconds(Int64(responseTimeoutSeconds * 1e9))
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handlers = channel.pipeline.syncOperations
                    try handlers.addHandler(ByteToMessageHandler(LMTPReplyDecoder()))
                    try handlers.addHandler(LMTPReplyTracker(timeout: timeout))
                    return try NIOAsyncChannel<SMTPReply, LMTPRequest>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            let session = LMTPClientSession(name: name, inbound: inbound, outbound: outbound)
            let greeting = try await session.reply()
            try session.check { () throws(CheckFailure) in try LMTPReplyChecks.greeting(greeting) }
            return try await body(session)
        }
    }
}
