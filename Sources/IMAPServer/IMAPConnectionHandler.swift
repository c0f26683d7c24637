import Auth
import NIOCore
import ServerKit

/// Runs an ``IMAPSession`` on each connection of an IMAP listener.
public struct IMAPConnectionHandler: ConnectionHandler {
    private let settings: IMAPServerSettings
    private let authenticator: Authenticator

    public init(settings: IMAPServerSettings, authenticator: Authenticator) {
        self.settings = settings
        self.authenticator = authenticator
    }

    public func handle(connection: Connection, channel: NIOAsyncChannel<LineFrame, ByteBuffer>) async throws {
        try await channel.executeThenClose { inbound, outbound in
            var session = IMAPSession(
                connection: connection,
                settings: settings,
                authenticator: authenticator,
                input: IMAPLineInput(connection: connection, iterator: inbound.makeAsyncIterator()),
                output: outbound
            )
            try await session.run()
        }
    }

    public func refusalMessage(_ refusal: ConnectionLimiter.Refusal) -> String {
        switch refusal {
        case .tooManyConnections: "* BYE [UNAVAILABLE] Too many connections, try again later.\r\n"
        case .tooManyConnectionsFromAddress: "* BYE [UNAVAILABLE] Too many connections from your address.\r\n"
        }
    }

    public var idleTimeoutMessage: String { "* BYE Disconnected for inactivity.\r\n" }
}

/// Reads lines of the current TLS epoch, skipping plaintext a client pipelined after STARTTLS.
struct IMAPLineInput {
    enum Line {
        case line([UInt8])
        case tooLong
    }

    let connection: Connection
    var iterator: NIOAsyncChannelInboundStream<LineFrame>.AsyncIterator

    /// The next line, or `nil` when the client closed the connection.
    mutating func next() async throws -> Line? {
        while let frame = try await iterator.next() {
            guard frame.epoch == connection.epoch else { continue }
            switch frame.kind {
            case .line(let buffer): return .line(Array(buffer.readableBytesView))
            case .tooLong: return .tooLong
            }
        }
        return nil
    }
}
