import NIOCore
import ServerKit

/// The session's side of the framing handler: asks it for the next frame and reads the answer,
/// skipping frames of an older TLS epoch.
struct IMAPInput {
    private let connection: Connection
    private let channel: any Channel
    private let handler: NIOLoopBound<IMAPFramingHandler>
    private var iterator: NIOAsyncChannelInboundStream<IMAPFrame>.AsyncIterator

    /// Finds the framing handler in `channel`'s pipeline.
    init(connection: Connection, channel: any Channel, iterator: NIOAsyncChannelInboundStream<IMAPFrame>.AsyncIterator) async throws {
        let eventLoop = channel.eventLoop
        self.handler = try await eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: IMAPFramingHandler.self), eventLoop: eventLoop)
        }.get()
        self.connection = connection
        self.channel = channel
        self.iterator = iterator
    }

    /// The next frame read as `request` says, or nil when the client closed the connection.
    mutating func next(_ request: IMAPReadRequest) async throws -> IMAPFrame.Kind? {
        while true {
            let handler = self.handler
            handler.eventLoop.execute { handler.value.request(request) }
            guard let frame = try await iterator.next() else { return nil }
            if frame.epoch == connection.epoch { return frame.kind }
        }
    }

    /// Sends `response` uncompressed, then compresses both directions (RFC 4978): in one
    /// event-loop turn the deflate handler goes in below the idle-timeout handlers, so every
    /// later byte, a timeout's BYE included, is compressed, and input the client sent before
    /// it could see the OK is dropped.
    func startCompression(response: ByteBuffer) async throws {
        let channel = self.channel
        let handler = self.handler
        try await channel.eventLoop.submit {
            channel.writeAndFlush(response, promise: nil)
            let deflate = try DeflateHandler()
            let idle = try channel.pipeline.syncOperations.handler(type: IdleStateHandler.self)
            try channel.pipeline.syncOperations.addHandler(deflate, position: .before(idle))
            handler.value.dropBufferedInput()
        }.get()
    }
}
