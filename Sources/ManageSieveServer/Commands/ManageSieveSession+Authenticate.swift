import Auth
import Foundation
import Logging
import Logging
import ManageSieveGrammar
import NIOCore
import ServerKit

/// STARTTLS (RFC 5804 §2.2), AUTHENTICATE (§2.1) and UNAUTHENTICATE (§2.14.1).
extension ManageSieveSession {
    mutating func startTLS() async throws -> Next {
        guard connection.canStartTLS else {
            return try await invalid(connection.isTLS ? "TLS is already active." : "STARTTLS is not available.")
        }
        var response = ByteBuffer()
        response.writeResponse(.ok("Begin TLS negotiation now."))
        // Nothing after this command has been read: the framing handler reads on request, and
        // startTLS discards what the client pipelined before its TLS hello.
        try await connection.startTLS(response: response)
        // §2.2: the server re-issues the capabilities once TLS is up; the TLS handler holds them
        // until the handshake is done.
        try await sendCapabilities(.ok("TLS negotiation successful."))
        return .continue
    }

    mutating func authenticate(mechanism name: String, initialResponse: String?) async throws -> Next {
        guard let mechanism = SASLMechanismName(name: name), authenticator.configuration.mechanisms.contains(mechanism) else {
            try await send(.no("Unsupported authentication mechanism."))
            return .continue
        }
        var exchange: AuthExchange
        do {
            exchange = try authenticator.beginExchange(mechanism: mechanism, client: client)
        } catch {
            return try await finishLogin(outcome: .failure(error))
        }
        var initial: [UInt8]?
        if let initialResponse {
            guard let decoded = Self.decodeBase64(initialResponse) else {
                return try await finishLogin(outcome: .failure(AuthFailure(.malformed, "initial response is not base64")))
            }
            initial = decoded
        }
        var outcome = await exchange.start(initialResponse: initial)
        while case .challenge(let challenge) = outcome {
            var line = ByteBuffer()
            line.writeManageSieveString(Data(challenge).base64EncodedString())
            line.writeString("\r\n")
            try await output.write(line)
            guard let reply = try await input.next(maximumLiteralSize: literalLimit) else { return .close }
            switch reply {
            case .frame(let bytes):
                switch CommandParser.parseSASLResponse(bytes) {
                case .success(.data(let text)):
                    guard let data = Self.decodeBase64(text) else {
                        outcome = .failure(AuthFailure(.malformed, "response is not base64"))
                        continue
                    }
                    outcome = await exchange.respond(data)
                case .success(.cancel):
                    outcome = await exchange.cancel()
                case .failure:
                    outcome = .failure(AuthFailure(.malformed, "response is not a string"))
                }
            case .literalTooLarge(nil, _):
                try await send(.bye("Literal size out of range."))
                return .close
            case .lineTooLong, .literalTooLarge, .tooManyLiterals:
                outcome = .failure(AuthFailure(.malformed, "response too long"))
            }
        }
        return try await finishLogin(outcome: outcome)
    }

    private mutating func finishLogin(outcome: AuthOutcome) async throws -> Next {
        switch outcome {
        case .success(let user, let serverFinal):
            state.phase = .authenticated(user, home: homeDirectory(user.record))
            logger[metadataKey: "user"] = "\(user.username)"
            logger.info("logged in")
            let code = serverFinal.flatMap { $0.isEmpty ? nil : ResponseCode.sasl(Data($0).base64EncodedString()) }
            try await send(.ok("Logged in.", code: code))
            return .continue
        case .challenge:
            preconditionFailure("challenges are answered before the login finishes")
        case .failure(let failure):
            let reply: ManageSieveResponse
            switch failure.kind {
            case .invalidCredentials, .notPermitted: reply = .no("Authentication failed.")
            case .plaintextNotAllowed: reply = .no("Plaintext authentication is disallowed without TLS.", code: .encryptNeeded)
            case .mechanismUnavailable: reply = .no("Unsupported authentication mechanism.")
            case .malformed: reply = .no("Malformed authentication data.")
            case .loginDisabled(let reason): reply = .no(reason ?? "Login disabled.")
            case .temporaryFailure: reply = .no("Temporary authentication failure, try again later.", code: .tryLater)
            case .cancelled: reply = .no("Authentication cancelled.")
            }
            try await send(reply)
            state.authenticationFailures += 1
            if state.authenticationFailures >= settings.maximumAuthenticationFailures {
                try await send(.bye("Too many authentication failures."))
                return .close
            }
            return .continue
        }
    }

    /// RFC 5804 §2.14.1: back to the not-authenticated state; TLS stays.
    mutating func unauthenticate() async throws {
        state.phase = .notAuthenticated
        logger[metadataKey: "user"] = nil
        logger.info("logged out, connection kept")
        try await send(.ok("Unauthenticated."))
    }

    /// Strict base64 (RFC 4648 §4), as SASL asks; the empty string is an empty response.
    private static func decodeBase64(_ text: String) -> [UInt8]? {
        Data(base64Encoded: text).map(Array.init)
    }
}
