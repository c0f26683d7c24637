import NIOCore
import SMTPGrammar
import ServerKit

/// Runs an ``LMTPSession`` on each connection of an LMTP listener, with ``LMTPFramingHandler``
/// switching between command lines and message bytes.
public struct LMTPConnectionHandler: ConnectionHandler {
    private let settings: LMTPServerSettings
    private let delivery: LocalDelivery

    public init(settings: LMTPServerSettings, delivery: LocalDelivery) {
        self.settings = settings
        self.delivery = delivery
    }

    public func makeFraming(settings listener: ListenerSettings) -> LMTPFramingHandler {
        LMTPFramingHandler(
            maximumLineLength: max(listener.maximumLineLength, SMTPDefaults.extendedCommandLineLength),
            maximumMessageSize: settings.maximumMessageSize
        )
    }

    public func handle(connection: Connection, channel: NIOAsyncChannel<LMTPFrame, ByteBuffer>) async throws {
        let underlying = channel.channel
        try await channel.executeThenClose { inbound, outbound in
            var session = LMTPSession(
                connection: connection, settings: settings, delivery: delivery,
                frames: inbound.makeAsyncIterator(), output: outbound, channel: underlying
            )
            try await session.run()
        }
    }

    public func refusalMessage(_ refusal: ConnectionLimiter.Refusal) -> String {
        switch refusal {
        case .tooManyConnections: "421 4.7.0 Too many connections, try again later\r\n"
        case .tooManyConnectionsFromAddress: "421 4.7.0 Too many connections from your address\r\n"
        }
    }

    public var idleTimeoutMessage: String { "421 4.4.2 Idle for too long, closing connection\r\n" }
}
