import Auth
import NIOCore
import ServerKit

/// Runs a ``ManageSieveSession`` on each connection of a ManageSieve listener (RFC 5804).
public struct ManageSieveConnectionHandler: ConnectionHandler {
    /// Where a logged-in user's home is; the scripts live in `<home>/sieve/`.
    public typealias HomeDirectory = @Sendable (UserRecord) -> String

    private let settings: ManageSieveServerSettings
    private let authenticator: Authenticator
    private let homeDirectory: HomeDirectory

    public init(settings: ManageSieveServerSettings, authenticator: Authenticator, homeDirectory: @escaping HomeDirectory) {
        self.settings = settings
        self.authenticator = authenticator
        self.homeDirectory = homeDirectory
    }

    public func makeFraming(settings: ListenerSettings) -> ManageSieveFramingHandler {
        ManageSieveFramingHandler(maximumLineLength: settings.maximumLineLength)
    }

    public func handle(connection: Connection, channel: NIOAsyncChannel<ManageSieveFrame, ByteBuffer>) async throws {
        let pipeline = channel.channel
        try await channel.executeThenClose { inbound, outbound in
            var session = ManageSieveSession(
                connection: connection,
                settings: settings,
                authenticator: authenticator,
                homeDirectory: homeDirectory,
                input: try await ManageSieveInput(connection: connection, channel: pipeline, iterator: inbound.makeAsyncIterator()),
                output: outbound
            )
            try await session.run()
        }
    }

    public func refusalMessage(_ refusal: ConnectionLimiter.Refusal) -> String {
        switch refusal {
        case .tooManyConnections: "BYE (TRYLATER) \"Too many connections, try again later.\"\r\n"
        case .tooManyConnectionsFromAddress: "BYE (TRYLATER) \"Too many connections from your address.\"\r\n"
        }
    }

    public var idleTimeoutMessage: String { "BYE \"Disconnected for inactivity.\"\r\n" }
}
