import NIOCore
import ServerKit

/// The session's side of the framing handler: asks it for the next frame and reads the answer,
/// skipping frames of an older TLS epoch.
struct IMAPInput {
    private let connection: Connection
    private let handler: NIOLoopBound<IMAPFramingHandler>
    private var iterator: NIOAsyncChannelInboundStream<IMAPFrame>.AsyncIterator

    /// Finds the framing handler in `channel`'s pipeline.
    init(connection: Connection, channel: any Channel, iterator: NIOAsyncChannelInboundStream<IMAPFrame>.AsyncIterator) async throws {
        let eventLoop = channel.eventLoop
        self.handler = try await eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: IMAPFramingHandler.self), eventLoop: eventLoop)
        }.get()
        self.connection = connection
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
}
