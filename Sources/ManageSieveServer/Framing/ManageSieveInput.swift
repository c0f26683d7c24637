import ManageSieveGrammar
import NIOCore
import ServerKit

/// The session's side of the framing handler: asks it for the next frame and reads the answer,
/// skipping frames of an older TLS epoch.
struct ManageSieveInput {
    private let connection: Connection
    private let handler: NIOLoopBound<ManageSieveFramingHandler>
    private var iterator: NIOAsyncChannelInboundStream<ManageSieveFrame>.AsyncIterator

    /// Finds the framing handler in `channel`'s pipeline.
    init(
        connection: Connection,
        channel: any Channel,
        iterator: NIOAsyncChannelInboundStream<ManageSieveFrame>.AsyncIterator
    ) async throws {
        let eventLoop = channel.eventLoop
        self.handler = try await eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: ManageSieveFramingHandler.self), eventLoop: eventLoop)
        }.get()
        self.connection = connection
        self.iterator = iterator
    }

    /// The next frame, with literals of at most `maximumLiteralSize` octets, or nil when the
    /// client closed the connection.
    mutating func next(maximumLiteralSize: UInt64) async throws -> FramingEvent? {
        while true {
            let handler = self.handler
            handler.eventLoop.execute { handler.value.request(maximumLiteralSize: maximumLiteralSize) }
            guard let frame = try await iterator.next() else { return nil }
            if frame.epoch == connection.epoch { return frame.event }
        }
    }
}
