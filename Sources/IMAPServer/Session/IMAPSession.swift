import Auth
import IMAPGrammar
import Logging
import MailStore
import NIOCore
import ServerKit

/// One IMAP connection: the not-authenticated state of RFC 9051 §6.1–6.2 (CAPABILITY, NOOP,
/// LOGOUT, ID, STARTTLS, AUTHENTICATE with SASL-IR, LOGIN) over ``Authenticator``, and the
/// authenticated state's mailbox commands (§6.3: ENABLE, NAMESPACE, LIST, LSUB, CREATE, DELETE,
/// RENAME, SUBSCRIBE, UNSUBSCRIBE, STATUS, APPEND, UNAUTHENTICATE, COMPRESS) over the user's mail
/// store.
///
/// The selected state (SELECT and the message commands) is not served yet: those commands are
/// answered `NO [CANNOT]` in the authenticated state.
struct IMAPSession {
    /// What the command loop does after a command.
    enum Next {
        case `continue`
        case close
    }

    let connection: Connection
    let settings: IMAPServerSettings
    let authenticator: Authenticator
    let openMailStore: IMAPConnectionHandler.MailStoreOpener
    let userConnections: UserConnectionLimiter
    var input: IMAPInput
    let output: NIOAsyncChannelOutboundWriter<ByteBuffer>
    /// The responses of the command being answered, written by ``flush()``.
    let responses: ResponseBuffer
    var logger: Logger
    var state = IMAPSessionState()
    /// Lets a graceful shutdown end the session between commands (and during IDLE).
    let shutdown = SessionShutdown()
    /// Closes the connection unless it logs in in time; cancelled at login.
    var loginDeadline: Task<Void, Never>?
    /// The logged-in user's mailboxes; set while authenticated.
    var mailboxes: MailStoreAdapter?

    init(
        connection: Connection,
        settings: IMAPServerSettings,
        authenticator: Authenticator,
        openMailStore: @escaping IMAPConnectionHandler.MailStoreOpener,
        userConnections: UserConnectionLimiter,
        input: IMAPInput,
        output: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) {
        self.connection = connection
        self.settings = settings
        self.authenticator = authenticator
        self.openMailStore = openMailStore
        self.userConnections = userConnections
        self.input = input
        self.output = output
        self.responses = ResponseBuffer(output: output)
        self.logger = connection.logger
    }

    mutating func run() async throws {
        defer { if let user = state.user { userConnections.release(user: user, address: connection.remoteIP) } }
        // A connection that does not log in in time is closed, whatever it is doing.
        let connection = self.connection
        let timeout = settings.loginTimeout
        loginDeadline = Task {
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            connection.logger.info("login timeout")
            connection.sendAndClose("* BYE Login timeout.\r\n")
        }
        defer { loginDeadline?.cancel() }
        try await send(.untagged(.ok(.capability(capabilities), "\(settings.hostname) Columba ready.")))
        try await shutdown.run(connection: connection, farewell: "* BYE Server shutting down.\r\n") {
            while true {
                try await flush()
                guard let frame = try await input.next(readRequest(mode: .command)), shutdown.beginCommand() else { return }
                if case .close = try await handle(frame) { return try await flush() }
                guard shutdown.endCommand() else {
                    try await send(.untagged(.bye(nil, "Server shutting down.")))
                    return try await flush()
                }
            }
        }
    }

    // MARK: - Dispatch

    private mutating func handle(_ frame: IMAPFrame.Kind) async throws -> Next {
        switch frame {
        case .command(let command):
            return try await handle(command)
        case .bad(let bad):
            return try await invalid(tag: bad.tag, Self.message(for: bad))
        case .literalTooLarge(let tag, _, let limit, let synchronizing):
            let text = "Literal too large (limit \(limit) octets)."
            // RFC 7888 §4: a non-synchronizing literal over the limit is a BAD with TOOBIG;
            // a synchronizing one the server declines instead of asking for it.
            guard let tag else { return try await invalid(tag: nil, text) }
            if synchronizing {
                try await send(tag, .no(text, code: .tooBig))
                return .continue
            }
            return try await invalid(tag: tag, text, code: .tooBig)
        case .idleDone, .authenticationResponse:
            preconditionFailure("only commands are requested between commands")
        }
    }

    private mutating func handle(_ tagged: TaggedCommand) async throws -> Next {
        let tag = tagged.tag
        switch tagged.command {
        case .capability:
            try await send(.untagged(.capability(capabilities)))
            try await send(tag, .ok("CAPABILITY completed."))
        case .noop:
            if let mailboxes, case .close = try await reportChanges(in: mailboxes) { return .close }
            try await send(tag, .ok("NOOP completed."))
        case .logout:
            try await send(.untagged(.bye(nil, "Logging out.")))
            try await send(tag, .ok("LOGOUT completed."))
            return .close
        case .id(let fields):
            return try await id(tag: tag, fields: fields)
        case .startTLS:
            guard !state.isAuthenticated else { return try await invalid(tag: tag, "Already authenticated.") }
            return try await startTLS(tag: tag)
        case .login(let user, let password):
            guard !state.isAuthenticated else { return try await invalid(tag: tag, "Already authenticated.") }
            return try await login(tag: tag, user: user, password: password)
        case .authenticate(let mechanism, let initialResponse):
            guard !state.isAuthenticated else { return try await invalid(tag: tag, "Already authenticated.") }
            return try await authenticate(tag: tag, mechanism: mechanism, initialResponse: initialResponse)
        default:
            guard let mailboxes else { return try await invalid(tag: tag, "Log in first.") }
            return try await handleAuthenticated(tagged, mailboxes: mailboxes)
        }
        return .continue
    }

    private mutating func handleAuthenticated(_ tagged: TaggedCommand, mailboxes: MailStoreAdapter) async throws -> Next {
        let tag = tagged.tag
        switch tagged.command {
        case .enable(let capabilities): try await enable(tag: tag, capabilities: capabilities)
        case .unauthenticate: try await unauthenticate(tag: tag)
        case .namespace: try await namespace(tag: tag)
        case .create(let name, let specialUse): return try await create(tag: tag, name: name, specialUse: specialUse, in: mailboxes)
        case .delete(let name): return try await delete(tag: tag, name: name, in: mailboxes)
        case .rename(let from, let to): return try await rename(tag: tag, from: from, to: to, in: mailboxes)
        case .subscribe(let name): return try await subscribe(tag: tag, name: name, subscribed: true, in: mailboxes)
        case .unsubscribe(let name): return try await subscribe(tag: tag, name: name, subscribed: false, in: mailboxes)
        case .list(let command): return try await list(tag: tag, command: command, in: mailboxes)
        case .lsub(let reference, let pattern): return try await lsub(tag: tag, reference: reference, pattern: pattern, in: mailboxes)
        case .status(let name, let attributes): return try await status(tag: tag, name: name, attributes: attributes, in: mailboxes)
        case .append(let name, let messages): return try await append(tag: tag, name: name, messages: messages, in: mailboxes)
        case .compress(let algorithm): return try await compress(tag: tag, algorithm: algorithm)
        case .select(let name, let parameters):
            return try await select(tag: tag, name: name, parameters: parameters, readOnly: false, in: mailboxes)
        case .examine(let name, let parameters):
            return try await select(tag: tag, name: name, parameters: parameters, readOnly: true, in: mailboxes)
        case .idle: return try await idle(tag: tag, in: mailboxes)
        case .getQuotaRoot(let name): return try await getQuotaRoot(tag: tag, name: name, in: mailboxes)
        case .getQuota(let root): return try await getQuota(tag: tag, root: root, in: mailboxes)
        case .setQuota:
            try await send(tag, .no("Quotas are set by the administrator.", code: .noPerm))
        default:
            guard state.selected != nil else { return try await invalid(tag: tag, "No mailbox selected.") }
            return try await handleSelected(tagged, mailboxes: mailboxes)
        }
        return .continue
    }

    private mutating func handleSelected(_ tagged: TaggedCommand, mailboxes: MailStoreAdapter) async throws -> Next {
        let tag = tagged.tag
        switch tagged.command {
        case .check:
            if case .close = try await reportChanges(in: mailboxes) { return .close }
            try await send(tag, .ok("CHECK completed."))
        case .close: return try await close(tag: tag, expunging: true, in: mailboxes)
        case .unselect: return try await close(tag: tag, expunging: false, in: mailboxes)
        case .expunge: return try await expunge(tag: tag, uids: nil, in: mailboxes)
        case .uidExpunge(let set): return try await expunge(tag: tag, uids: set, in: mailboxes)
        case .search(let command): return try await search(tag: tag, command, byUID: false, in: mailboxes)
        case .uidSearch(let command): return try await search(tag: tag, command, byUID: true, in: mailboxes)
        case .fetch(let command): return try await fetch(tag: tag, command, byUID: false, in: mailboxes)
        case .uidFetch(let command): return try await fetch(tag: tag, command, byUID: true, in: mailboxes)
        case .store(let command): return try await store(tag: tag, command, byUID: false, in: mailboxes)
        case .uidStore(let command): return try await store(tag: tag, command, byUID: true, in: mailboxes)
        case .copy(let set, let name): return try await copy(tag: tag, set, to: name, byUID: false, moving: false, in: mailboxes)
        case .uidCopy(let set, let name): return try await copy(tag: tag, set, to: name, byUID: true, moving: false, in: mailboxes)
        case .move(let set, let name): return try await copy(tag: tag, set, to: name, byUID: false, moving: true, in: mailboxes)
        case .uidMove(let set, let name): return try await copy(tag: tag, set, to: name, byUID: true, moving: true, in: mailboxes)
        default:
            return try await invalid(tag: tag, "Unknown or unsupported command.")
        }
        return .continue
    }

    // MARK: - Input

    /// How the next frame is read in the current state: small literals before login, messages
    /// up to the configured size after.
    func readRequest(mode: CommandParser.Mode) -> IMAPReadRequest {
        let loginLiteral = UInt64(settings.maximumLoginLiteral)
        let authenticated = state.isAuthenticated
        return IMAPReadRequest(
            mode: mode,
            options: ParserOptions(utf8Accept: state.usesUTF8MailboxNames),
            maximumMessageLiteral: authenticated ? settings.maximumMessageSize : loginLiteral,
            maximumOtherLiteral: authenticated ? min(settings.maximumMessageSize, IMAPDefaults.maximumNonMessageLiteralSize) : loginLiteral
        )
    }

    // MARK: - Output

    var client: ClientInfo {
        ClientInfo(
            remoteAddress: connection.remoteIP,
            localAddress: connection.localAddress?.ipAddress,
            isTLS: connection.isTLS,
            service: "imap",
            session: connection.id
        )
    }

    var capabilities: [String] {
        let request = readRequest(mode: .command)
        return IMAPCapabilities.list(
            state: state, connection: connection, client: client, authenticator: authenticator,
            literalLimit: request.maximumMessageLiteral, messageLimit: settings.maximumMessageSize
        )
    }

    var encodingOptions: EncodingOptions {
        EncodingOptions(utf8Accept: state.usesUTF8MailboxNames)
    }

    func send(_ response: Response) async throws {
        try await responses.append(response.encoded(options: encodingOptions))
    }

    /// Writes the buffered responses; called before every wait for the client.
    func flush() async throws {
        try await responses.flush()
    }

    func send(_ untagged: UntaggedResponse) async throws {
        try await send(.untagged(untagged))
    }

    func send(_ tag: String, _ state: ResponseState) async throws {
        try await send(.tagged(TaggedResponse(tag: tag, state: state)))
    }

    /// Answers `BAD` (tagged, or untagged without a tag); too many of them end the session.
    mutating func invalid(tag: String?, _ message: String, code: ResponseCode? = nil) async throws -> Next {
        state.invalidCommands += 1
        if let tag {
            try await send(tag, .bad(message, code: code))
        } else {
            try await send(.untagged(.bad(code, message)))
        }
        if state.invalidCommands >= settings.maximumInvalidCommands {
            try await send(.untagged(.bye(nil, "Too many invalid commands.")))
            return .close
        }
        return .continue
    }

    /// The text of a `BAD` for input the grammar refused.
    static func message(for bad: BadCommand) -> String {
        if bad.kind.unknownCommandName != nil { return "Unknown or unsupported command." }
        if bad.kind == .invalidTag { return "Missing or invalid command tag." }
        return "\(bad.kind)."
    }
}
