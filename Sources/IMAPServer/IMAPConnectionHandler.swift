import Auth
import MailStore
import NIOCore
import ServerKit

/// Runs an ``IMAPSession`` on each connection of an IMAP listener.
public struct IMAPConnectionHandler: ConnectionHandler {
    /// Opens the mail store of a logged-in user (shared with the user's other sessions).
    public typealias MailStoreOpener = @Sendable (UserRecord) async throws -> UserMailStore

    private let settings: IMAPServerSettings
    private let authenticator: Authenticator
    private let openMailStore: MailStoreOpener
    /// Sessions per user and address, across every listener this handler serves.
    private let userConnections: UserConnectionLimiter

    public init(settings: IMAPServerSettings, authenticator: Authenticator, openMailStore: @escaping MailStoreOpener) {
        self.settings = settings
        self.authenticator = authenticator
        self.openMailStore = openMailStore
        self.userConnections = UserConnectionLimiter(maximum: settings.maximumConnectionsPerUserAddress)
    }

    public func makeFraming(settings: ListenerSettings) -> IMAPFramingHandler {
        IMAPFramingHandler(maximumLineLength: settings.maximumLineLength)
    }

    public func handle(connection: Connection, channel: NIOAsyncChannel<IMAPFrame, ByteBuffer>) async throws {
        let pipeline = channel.channel
        try await channel.executeThenClose { inbound, outbound in
            var session = IMAPSession(
                connection: connection,
                settings: settings,
                authenticator: authenticator,
                openMailStore: openMailStore,
                userConnections: userConnections,
                input: try await IMAPInput(connection: connection, channel: pipeline, iterator: inbound.makeAsyncIterator()),
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
