import NIOCore

/// The protocol-specific half of a listener: what to say when refusing a connection and how
/// to run a session on an accepted one.
public protocol ConnectionHandler: Sendable {
    /// The handler that frames inbound bytes for this protocol; lines unless the protocol says
    /// otherwise.
    associatedtype Framing: ConnectionFraming = LineFramingHandler

    /// A new framing handler for one connection of a listener with `settings`.
    func makeFraming(settings: ListenerSettings) -> Framing

    /// Runs one session until it ends. Reading `channel`'s inbound stream, writing its outbound
    /// writer. Returning (or throwing) closes the connection.
    ///
    /// The session should stop at the next command boundary when the server shuts down
    /// gracefully (swift-service-lifecycle's `withGracefulShutdownHandler` works here) and must
    /// end promptly when its task is cancelled.
    func handle(connection: Connection, channel: NIOAsyncChannel<Framing.InboundOut, ByteBuffer>) async throws

    /// The bytes sent to a client before its connection is closed because of `refusal`
    /// (for example `* BYE Too many connections` or `421 4.7.0 ...`).
    func refusalMessage(_ refusal: ConnectionLimiter.Refusal) -> String

    /// The bytes sent before a connection is closed for being idle too long.
    var idleTimeoutMessage: String { get }
}

extension ConnectionHandler where Framing == LineFramingHandler {
    /// Lines no longer than the listener's `maximumLineLength`.
    public func makeFraming(settings: ListenerSettings) -> LineFramingHandler {
        LineFramingHandler(maximumLength: settings.maximumLineLength)
    }
}
