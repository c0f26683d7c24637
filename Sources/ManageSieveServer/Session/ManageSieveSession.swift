import Auth
import Logging
import ManageSieveGrammar
import NIOCore
import ServerKit

/// One ManageSieve connection (RFC 5804): the not-authenticated state (CAPABILITY, NOOP, LOGOUT,
/// STARTTLS, AUTHENTICATE) over ``Authenticator``, and the authenticated state's script commands
/// over the user's ``ScriptStorage``.
///
/// Every command gets exactly one OK, NO or BYE. Input the grammar refuses is answered NO and
/// counted; too many such commands, or too many failed logins, end the connection with BYE.
struct ManageSieveSession {
    /// What the command loop does after a command.
    enum Next {
        case `continue`
        case close
    }

    let connection: Connection
    let settings: ManageSieveServerSettings
    let authenticator: Authenticator
    let homeDirectory: ManageSieveConnectionHandler.HomeDirectory
    var input: ManageSieveInput
    let output: NIOAsyncChannelOutboundWriter<ByteBuffer>
    var logger: Logger
    var state = ManageSieveSessionState()

    init(
        connection: Connection,
        settings: ManageSieveServerSettings,
        authenticator: Authenticator,
        homeDirectory: @escaping ManageSieveConnectionHandler.HomeDirectory,
        input: ManageSieveInput,
        output: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) {
        self.connection = connection
        self.settings = settings
        self.authenticator = authenticator
        self.homeDirectory = homeDirectory
        self.input = input
        self.output = output
        self.logger = connection.logger
    }

    mutating func run() async throws {
        try await sendCapabilities(.ok("\(settings.hostname) ManageSieve ready."))
        let shutdown = SessionShutdown()
        try await shutdown.run(connection: connection, farewell: "BYE \"Server shutting down.\"\r\n") {
            while let event = try await input.next(maximumLiteralSize: literalLimit) {
                guard shutdown.beginCommand() else { return }
                if case .close = try await handle(event) { return }
                guard shutdown.endCommand() else {
                    try await send(.bye("Server shutting down."))
                    return
                }
            }
        }
    }

    // MARK: - Dispatch

    private mutating func handle(_ event: FramingEvent) async throws -> Next {
        switch event {
        case .frame(let bytes):
            switch CommandParser.parseCommand(bytes) {
            case .success(let command): return try await handle(command)
            case .failure(let error): return try await invalid(error.description)
            }
        case .lineTooLong:
            return try await invalid("Command line too long.")
        case .tooManyLiterals:
            return try await invalid("Too many literals.")
        case .literalTooLarge(nil, _):
            try await send(.bye("Literal size out of range."))
            return .close
        case .literalTooLarge(.some, let limit):
            guard state.isAuthenticated else { return try await invalid("Literal larger than \(limit) octets.") }
            try await send(.no("Script larger than \(limit) octets.", code: .quotaMaxSize))
            return .continue
        }
    }

    private mutating func handle(_ command: ManageSieveCommand) async throws -> Next {
        switch command {
        case .capability:
            try await sendCapabilities(.ok("CAPABILITY completed."))
        case .noop(let tag):
            try await send(.ok("NOOP completed.", code: tag.map(ResponseCode.tag)))
        case .logout:
            try await send(.ok("Logout completed."))
            return .close
        case .startTLS:
            guard !state.isAuthenticated else { return try await invalid("Already authenticated.") }
            return try await startTLS()
        case .authenticate(let mechanism, let initialResponse):
            guard !state.isAuthenticated else { return try await invalid("Already authenticated.") }
            return try await authenticate(mechanism: mechanism, initialResponse: initialResponse)
        default:
            guard case .authenticated(_, let home) = state.phase else { return try await invalid("Authenticate first.") }
            return try await handleAuthenticated(command, scripts: ScriptStorage(home: home, settings: settings))
        }
        return .continue
    }

    private mutating func handleAuthenticated(_ command: ManageSieveCommand, scripts: ScriptStorage) async throws -> Next {
        switch command {
        case .unauthenticate: try await unauthenticate()
        case .haveSpace(let name, let size): try await haveSpace(name: name, size: size, in: scripts)
        case .putScript(let name, let script): try await putScript(name: name, script: script, in: scripts)
        case .checkScript(let script): try await checkScript(script)
        case .listScripts: try await listScripts(in: scripts)
        case .setActive(let name): try await setActive(name: name, in: scripts)
        case .getScript(let name): try await getScript(name: name, in: scripts)
        case .deleteScript(let name): try await deleteScript(name: name, in: scripts)
        case .renameScript(let from, let to): try await renameScript(from: from, to: to, in: scripts)
        case .capability, .noop, .logout, .startTLS, .authenticate:
            preconditionFailure("served in every state")
        }
        return .continue
    }

    // MARK: - Input

    /// The largest literal of the next command: small before login, scripts up to the quota after.
    var literalLimit: UInt64 {
        UInt64(state.isAuthenticated ? settings.maximumScriptSize : settings.maximumLoginLiteral)
    }

    // MARK: - Output

    var client: ClientInfo {
        ClientInfo(
            remoteAddress: connection.remoteIP,
            localAddress: connection.localAddress?.ipAddress,
            isTLS: connection.isTLS,
            service: "managesieve",
            session: connection.id
        )
    }

    func send(_ response: ManageSieveResponse) async throws {
        var buffer = ByteBuffer()
        buffer.writeResponse(response)
        try await output.write(buffer)
    }

    /// Sends the capability list followed by `completion`.
    func sendCapabilities(_ completion: ManageSieveResponse) async throws {
        var buffer = ByteBuffer()
        let capabilities = ManageSieveCapabilities.list(
            state: state, connection: connection, client: client, authenticator: authenticator, settings: settings
        )
        for capability in capabilities { buffer.writeCapability(capability) }
        buffer.writeResponse(completion)
        try await output.write(buffer)
    }

    /// Answers NO to a command that cannot be run in this state or form; too many end the session.
    mutating func invalid(_ message: String) async throws -> Next {
        state.invalidCommands += 1
        try await send(.no(message))
        if state.invalidCommands >= settings.maximumInvalidCommands {
            try await send(.bye("Too many invalid commands."))
            return .close
        }
        return .continue
    }
}
