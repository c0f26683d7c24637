import Auth
import Foundation
import Logging
import NIOCore
import ServerKit

/// One IMAP connection: the not-authenticated state of RFC 9051 §6.1–6.2 (CAPABILITY, NOOP,
/// LOGOUT, STARTTLS, AUTHENTICATE with SASL-IR, LOGIN) over ``Authenticator``.
///
/// Mailbox access (the authenticated and selected states) is not served yet: after login only
/// CAPABILITY, NOOP and LOGOUT are accepted.
struct IMAPSession {
    private enum State {
        case notAuthenticated
        case authenticated(AuthenticatedUser)
    }

    /// What the command loop does after a command.
    private enum Next {
        case `continue`
        case close
    }

    private let connection: Connection
    private let settings: IMAPServerSettings
    private let authenticator: Authenticator
    private var input: IMAPLineInput
    private let output: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var logger: Logger
    private var state = State.notAuthenticated
    private var authenticationFailures = 0
    private var invalidCommands = 0

    init(
        connection: Connection,
        settings: IMAPServerSettings,
        authenticator: Authenticator,
        input: IMAPLineInput,
        output: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) {
        self.connection = connection
        self.settings = settings
        self.authenticator = authenticator
        self.input = input
        self.output = output
        self.logger = connection.logger
    }

    mutating func run() async throws {
        try await send("* OK [CAPABILITY \(capabilities)] \(settings.hostname) Columba ready.")
        let shutdown = SessionShutdown()
        try await shutdown.run(connection: connection, farewell: "* BYE Server shutting down.\r\n") {
            while let line = try await input.next() {
                guard shutdown.beginCommand() else { return }
                if case .close = try await handle(line) { return }
                guard shutdown.endCommand() else {
                    try await send("* BYE Server shutting down.")
                    return
                }
            }
        }
    }

    // MARK: - Commands

    private mutating func handle(_ line: IMAPLineInput.Line) async throws -> Next {
        guard case .line(let bytes) = line else {
            return try await invalid(tag: nil, "Command line too long")
        }
        let command: IMAPCommandLine
        do {
            command = try await readCommand(startingWith: bytes)
        } catch let error as IMAPCommandLine.ParseError {
            return try await invalid(tag: error.tag, error.message)
        }
        switch (command.command, state) {
        case ("CAPABILITY", _):
            try await send("* CAPABILITY \(capabilities)")
            try await send("\(command.tag) OK CAPABILITY completed.")
        case ("NOOP", _):
            try await send("\(command.tag) OK NOOP completed.")
        case ("LOGOUT", _):
            try await send("* BYE Logging out.")
            try await send("\(command.tag) OK LOGOUT completed.")
            return .close
        case ("STARTTLS", .notAuthenticated):
            return try await startTLS(command)
        case ("LOGIN", .notAuthenticated):
            return try await login(command)
        case ("AUTHENTICATE", .notAuthenticated):
            return try await authenticate(command)
        case ("STARTTLS", _), ("LOGIN", _), ("AUTHENTICATE", _):
            return try await invalid(tag: command.tag, "Already authenticated.")
        default:
            return try await invalid(tag: command.tag, "Unknown or unsupported command.")
        }
        return .continue
    }

    private mutating func startTLS(_ command: IMAPCommandLine) async throws -> Next {
        guard command.arguments.isEmpty else { return try await invalid(tag: command.tag, "STARTTLS takes no arguments.") }
        guard connection.canStartTLS else {
            return try await invalid(tag: command.tag, connection.isTLS ? "TLS is already active." : "STARTTLS is not available.")
        }
        try await connection.startTLS(response: ByteBuffer(string: "\(command.tag) OK Begin TLS negotiation now.\r\n"))
        return .continue
    }

    private mutating func login(_ command: IMAPCommandLine) async throws -> Next {
        guard command.arguments.count == 2, case .string(let user) = command.arguments[0],
            case .string(let password) = command.arguments[1]
        else {
            return try await invalid(tag: command.tag, "LOGIN needs a user name and a password.")
        }
        guard client.allowsPlaintext(authenticator.configuration.plaintextPolicy) else {
            try await send("\(command.tag) NO [PRIVACYREQUIRED] Plaintext authentication is disallowed without TLS.")
            return .continue
        }
        let outcome = await authenticator.authenticate(username: user, password: password, client: client)
        return try await finishLogin(tag: command.tag, outcome: outcome)
    }

    private mutating func authenticate(_ command: IMAPCommandLine) async throws -> Next {
        guard (1...2).contains(command.arguments.count), case .string(let name) = command.arguments[0] else {
            return try await invalid(tag: command.tag, "AUTHENTICATE needs a mechanism name.")
        }
        guard let mechanism = SASLMechanismName(name: name),
            authenticator.offeredMechanisms(for: client).contains(mechanism)
        else {
            try await send("\(command.tag) NO [CANNOT] Unsupported authentication mechanism.")
            return .continue
        }
        var initialResponse: [UInt8]?
        if command.arguments.count == 2 {
            guard case .string(let text) = command.arguments[1], let decoded = Self.decodeSASL(text) else {
                return try await invalid(tag: command.tag, "Invalid base64 in the initial response.")
            }
            initialResponse = decoded
        }
        var exchange: AuthExchange
        do {
            exchange = try authenticator.beginExchange(mechanism: mechanism, client: client)
        } catch {
            return try await finishLogin(tag: command.tag, outcome: .failure(error))
        }
        var outcome = await exchange.start(initialResponse: initialResponse)
        while case .challenge(let challenge) = outcome {
            try await send("+ " + Data(challenge).base64EncodedString())
            guard let reply = try await input.next() else { return .close }
            guard case .line(let bytes) = reply else {
                _ = await exchange.cancel()
                return try await invalid(tag: command.tag, "Authentication response too long.")
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if text == "*" {
                _ = await exchange.cancel()
                try await send("\(command.tag) BAD Authentication cancelled.")
                return .continue
            }
            guard let decoded = Self.decodeSASL(text) else {
                _ = await exchange.cancel()
                return try await invalid(tag: command.tag, "Invalid base64 in the authentication response.")
            }
            outcome = await exchange.respond(decoded)
        }
        if case .success(_, let serverFinal?) = outcome, !serverFinal.isEmpty {
            // IMAP has no room for data in the tagged OK: the final server message is a last
            // challenge that the client answers with an empty line (RFC 9051 §6.2.2).
            try await send("+ " + Data(serverFinal).base64EncodedString())
            guard case .line(let bytes)? = try await input.next() else { return .close }
            guard bytes.isEmpty else {
                return try await invalid(tag: command.tag, "Expected an empty response.")
            }
        }
        return try await finishLogin(tag: command.tag, outcome: outcome)
    }

    private mutating func finishLogin(tag: String, outcome: AuthOutcome) async throws -> Next {
        switch outcome {
        case .success(let user, _):
            state = .authenticated(user)
            logger[metadataKey: "user"] = "\(user.username)"
            logger.info("logged in")
            try await send("\(tag) OK [CAPABILITY \(capabilities)] Logged in.")
            return .continue
        case .challenge:
            preconditionFailure("challenges are answered before the login finishes")
        case .failure(let failure):
            let reply: String
            switch failure.kind {
            case .invalidCredentials, .notPermitted: reply = "NO [AUTHENTICATIONFAILED] Authentication failed."
            case .plaintextNotAllowed: reply = "NO [PRIVACYREQUIRED] Plaintext authentication is disallowed without TLS."
            case .mechanismUnavailable: reply = "NO [CANNOT] Unsupported authentication mechanism."
            case .malformed: reply = "BAD Malformed authentication data."
            case .loginDisabled(let reason): reply = "NO [CONTACTADMIN] \(Self.sanitized(reason ?? "Login disabled."))"
            case .temporaryFailure: reply = "NO [UNAVAILABLE] Temporary authentication failure, try again later."
            case .cancelled: reply = "BAD Authentication cancelled."
            }
            try await send("\(tag) \(reply)")
            authenticationFailures += 1
            if authenticationFailures >= settings.maximumAuthenticationFailures {
                try await send("* BYE Too many authentication failures.")
                return .close
            }
            return .continue
        }
    }

    // MARK: - Input

    /// Reads a whole command: the first line and, for each literal it announces, the literal's
    /// bytes and the rest of the command that follows them.
    private mutating func readCommand(startingWith bytes: [UInt8]) async throws -> IMAPCommandLine {
        var command = try IMAPCommandLine(parsing: bytes, maximumLiteral: settings.maximumLoginLiteral)
        while case .literal(let count, let synchronizing) = command.arguments.last {
            command.arguments.removeLast()
            if synchronizing { try await send("+ Ready for literal data") }
            // The framing layer cut the literal's bytes into lines; put them back together.
            var literal: [UInt8] = []
            var line = try await nextLiteralLine(tag: command.tag)
            while literal.count + line.count < count {
                literal += line + [13, 10]
                guard literal.count <= count else {
                    throw IMAPCommandLine.ParseError(tag: command.tag, message: "Literal size does not match its data")
                }
                line = try await nextLiteralLine(tag: command.tag)
            }
            let room = count - literal.count
            literal += line.prefix(room)
            let rest = Array(line.dropFirst(room))
            command.arguments.append(.string(String(decoding: literal, as: UTF8.self)))
            try command.appendArguments(parsing: rest, maximumLiteral: settings.maximumLoginLiteral)
        }
        return command
    }

    private mutating func nextLiteralLine(tag: String) async throws -> [UInt8] {
        guard case .line(let line)? = try await input.next() else {
            throw IMAPCommandLine.ParseError(tag: tag, message: "Literal not completed")
        }
        return line
    }

    // MARK: - Output

    private var client: ClientInfo {
        ClientInfo(
            remoteAddress: connection.remoteIP,
            localAddress: connection.localAddress?.ipAddress,
            isTLS: connection.isTLS,
            service: "imap",
            session: connection.id
        )
    }

    /// The capabilities for the current state (RFC 9051 §7.2.2).
    private var capabilities: String {
        var list = ["IMAP4rev2", "IMAP4rev1"]
        if case .notAuthenticated = state {
            if connection.canStartTLS { list.append("STARTTLS") }
            if !client.allowsPlaintext(authenticator.configuration.plaintextPolicy) { list.append("LOGINDISABLED") }
            list.append("SASL-IR")
            list += authenticator.offeredMechanisms(for: client).map { "AUTH=\($0.rawValue)" }
        }
        return list.joined(separator: " ")
    }

    private func send(_ line: String) async throws {
        try await output.write(ByteBuffer(string: line + "\r\n"))
    }

    private mutating func invalid(tag: String?, _ message: String) async throws -> Next {
        invalidCommands += 1
        try await send("\(tag ?? "*") BAD \(message)")
        if invalidCommands >= settings.maximumInvalidCommands {
            try await send("* BYE Too many invalid commands.")
            return .close
        }
        return .continue
    }

    /// Decodes a SASL response: base64, or `=` for an empty one.
    private static func decodeSASL(_ text: String) -> [UInt8]? {
        if text == "=" { return [] }
        return Data(base64Encoded: text).map { Array($0) }
    }

    /// Keeps an operator's text on one printable line.
    private static func sanitized(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F })
    }
}
