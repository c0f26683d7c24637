import Auth
import IMAPGrammar
import Logging
import ServerKit

/// STARTTLS, LOGIN, AUTHENTICATE (RFC 9051 §6.2, RFC 4959 SASL-IR) and UNAUTHENTICATE (RFC 8437).
extension IMAPSession {
    mutating func startTLS(tag: String) async throws -> Next {
        guard connection.canStartTLS else {
            return try await invalid(tag: tag, connection.isTLS ? "TLS is already active." : "STARTTLS is not available.")
        }
        // Nothing after this command has been read: the framing handler reads on request, and
        // startTLS discards what the client pipelined before its TLS hello.
        try await flush()
        try await connection.startTLS(response: Response.tagged(TaggedResponse(tag: tag, state: .ok("Begin TLS negotiation now."))).encoded())
        return .continue
    }

    mutating func login(tag: String, user: String, password: String) async throws -> Next {
        guard client.allowsPlaintext(authenticator.configuration.plaintextPolicy) else {
            try await send(tag, .no("Plaintext authentication is disallowed without TLS.", code: .privacyRequired))
            return .continue
        }
        let outcome = await authenticator.authenticate(username: user, password: password, client: client)
        return try await finishLogin(tag: tag, outcome: outcome)
    }

    mutating func authenticate(tag: String, mechanism name: String, initialResponse: [UInt8]?) async throws -> Next {
        guard let mechanism = SASLMechanismName(name: name), authenticator.offeredMechanisms(for: client).contains(mechanism) else {
            try await send(tag, .no("Unsupported authentication mechanism.", code: .cannot))
            return .continue
        }
        var exchange: AuthExchange
        do {
            exchange = try authenticator.beginExchange(mechanism: mechanism, client: client)
        } catch {
            return try await finishLogin(tag: tag, outcome: .failure(error))
        }
        var outcome = await exchange.start(initialResponse: initialResponse)
        while case .challenge(let challenge) = outcome {
            try await send(.continuation(.data(challenge)))
            try await flush()
            guard let reply = try await input.next(readRequest(mode: .authenticate)) else { return .close }
            switch reply {
            case .authenticationResponse(.data(let data)):
                outcome = await exchange.respond(data)
            case .authenticationResponse(.cancel):
                _ = await exchange.cancel()
                try await send(tag, .bad("Authentication cancelled."))
                return .continue
            case .bad(let bad) where bad.kind == .lineTooLong:
                _ = await exchange.cancel()
                return try await invalid(tag: tag, "Authentication response too long.")
            case .literalTooLarge:
                _ = await exchange.cancel()
                return try await invalid(tag: tag, "Authentication response too long.")
            default:
                _ = await exchange.cancel()
                return try await invalid(tag: tag, "Invalid base64 in the authentication response.")
            }
        }
        if case .success(_, let serverFinal?) = outcome, !serverFinal.isEmpty {
            // IMAP has no room for data in the tagged OK: the final server message is a last
            // challenge that the client answers with an empty line (RFC 9051 §6.2.2).
            try await send(.continuation(.data(serverFinal)))
            try await flush()
            guard let reply = try await input.next(readRequest(mode: .authenticate)) else { return .close }
            guard case .authenticationResponse(.data([])) = reply else {
                return try await invalid(tag: tag, "Expected an empty response.")
            }
        }
        return try await finishLogin(tag: tag, outcome: outcome)
    }

    private mutating func finishLogin(tag: String, outcome: AuthOutcome) async throws -> Next {
        switch outcome {
        case .success(let user, _):
            guard userConnections.admit(user: user.username, address: connection.remoteIP) else {
                logger.notice("login refused: too many sessions", metadata: ["user": "\(user.username)"])
                try await send(tag, .no("Too many connections for this user from your address.", code: .limit))
                return .continue
            }
            do {
                mailboxes = try await MailStoreAdapter.open(try await openMailStore(user.record))
            } catch {
                userConnections.release(user: user.username, address: connection.remoteIP)
                logger.error("cannot open the mail store", metadata: ["user": "\(user.username)", "error": "\(error)"])
                try await send(tag, .no("Your mail is not available right now, try again later.", code: .unavailable))
                return .continue
            }
            state.phase = .authenticated(user)
            loginDeadline?.cancel()
            logger[metadataKey: "user"] = "\(user.username)"
            logger.info("logged in")
            try await send(tag, .ok("Logged in.", code: .capability(capabilities)))
            return .continue
        case .challenge:
            preconditionFailure("challenges are answered before the login finishes")
        case .failure(let failure):
            let reply: ResponseState
            switch failure.kind {
            case .invalidCredentials, .notPermitted: reply = .no("Authentication failed.", code: .authenticationFailed)
            case .plaintextNotAllowed: reply = .no("Plaintext authentication is disallowed without TLS.", code: .privacyRequired)
            case .mechanismUnavailable: reply = .no("Unsupported authentication mechanism.", code: .cannot)
            case .malformed: reply = .bad("Malformed authentication data.")
            case .loginDisabled(let reason): reply = .no(reason ?? "Login disabled.", code: .contactAdmin)
            case .temporaryFailure: reply = .no("Temporary authentication failure, try again later.", code: .unavailable)
            case .cancelled: reply = .bad("Authentication cancelled.")
            }
            try await send(tag, reply)
            state.authenticationFailures += 1
            if state.authenticationFailures >= settings.maximumAuthenticationFailures {
                try await send(.untagged(.bye(nil, "Too many authentication failures.")))
                return .close
            }
            return .continue
        }
    }

    /// RFC 8437: back to the not-authenticated state, as on a new connection (ENABLEd
    /// extensions are forgotten; TLS stays).
    mutating func unauthenticate(tag: String) async throws {
        if let user = state.user { userConnections.release(user: user, address: connection.remoteIP) }
        state.phase = .notAuthenticated
        state.enabled = []
        state.selected = nil
        state.condstore = false
        mailboxes = nil
        logger[metadataKey: "user"] = nil
        logger.info("logged out, connection kept")
        try await send(tag, .ok("Unauthenticated."))
    }
}
