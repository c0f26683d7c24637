import struct NIOCore.ByteBuffer

/// The server's command reader: framing, then grammar.
///
/// Feed it the bytes a connection receives with ``append(_:)`` and drain ``nextEvent()`` until it
/// returns nil. It never throws: bad input becomes a ``Event/bad(_:)`` event that carries the tag
/// when one was read, and the parser goes on with the next command.
///
/// ```
/// C: a1 LOGIN {5}
/// S: + OK                      <- Event.continuationRequest
/// C: alice "secret"
///                              <- Event.command(a1 LOGIN alice secret)
/// ```
public struct CommandParser {
    /// What the next line from the client is.
    public enum Mode: Hashable, Sendable {
        /// A tagged command.
        case command
        /// The `DONE` that ends IDLE (RFC 2177).
        case idle
        /// A base64 line answering an AUTHENTICATE challenge, or `*` (RFC 9051 §6.2.2).
        case authenticate
    }

    /// What the server must do next.
    public enum Event: Hashable, Sendable {
        case command(TaggedCommand)
        /// A synchronizing literal was announced and accepted: send `+ <text>` now.
        case continuationRequest(literalSize: UInt64)
        /// `DONE` arrived while in ``Mode/idle``.
        case idleDone
        /// A line arrived while in ``Mode/authenticate``.
        case authenticationResponse(AuthenticationResponse)
        /// Answer `tag BAD ...` (or `* BAD ...` without a tag). For
        /// ``BadCommand/Kind/literalTooLarge(_:)`` a server may prefer `NO [TOOBIG]`.
        case bad(BadCommand)
    }

    public var mode: Mode = .command
    public var options: ParserOptions
    private var framer: FramingParser

    public init(limits: IMAPLimits = IMAPLimits(), options: ParserOptions = ParserOptions()) {
        self.framer = FramingParser(limits: limits)
        self.options = options
    }

    /// The limits in force; a change applies from the next line read.
    public var limits: IMAPLimits {
        get { framer.limits }
        set { framer.limits = newValue }
    }

    public mutating func append(_ bytes: ByteBuffer) {
        framer.append(bytes)
    }

    /// The next event, or nil when more bytes are needed.
    public mutating func nextEvent() -> Event? {
        guard let event = framer.nextEvent() else { return nil }
        switch event {
        case .continuationRequest(let size):
            return .continuationRequest(literalSize: size)
        case .lineTooLong(let tag):
            return .bad(BadCommand(tag: tag, kind: .lineTooLong))
        case .literalTooLarge(let tag, let size, _, _):
            return .bad(BadCommand(tag: tag, kind: .literalTooLarge(size)))
        case .tooManyLiterals(let tag):
            return .bad(BadCommand(tag: tag, kind: .syntax("too many literals")))
        case .frame(let frame):
            return Self.parse(frame: frame, mode: mode, limits: framer.limits, options: options)
        }
    }

    /// Parses one complete frame (a ``FramingParser/Event/frame(_:)``) as what `mode` expects.
    ///
    /// A server that frames input itself uses this to parse each frame only when it knows the
    /// mode the frame must be read in (after an AUTHENTICATE challenge, during IDLE).
    /// - Returns: ``Event/command(_:)``, ``Event/idleDone``, ``Event/authenticationResponse(_:)``
    ///   or ``Event/bad(_:)``.
    public static func parse(frame: ByteBuffer, mode: Mode, limits: IMAPLimits, options: ParserOptions) -> Event {
        var buffer = ParseBuffer(frame, limits: limits, options: options)
        switch mode {
        case .command:
            do {
                guard let command = try Self.parseCommand(&buffer) else {
                    return .bad(BadCommand(tag: Self.tag(of: frame), kind: .syntax("unexpected end of line")))
                }
                return .command(command)
            } catch {
                return .bad(error)
            }
        case .idle:
            do {
                try GrammarParser.parseIdleDone(&buffer)
                guard buffer.isEmpty else { throw ParserError(hint: "expected DONE") }
                return .idleDone
            } catch {
                return .bad(BadCommand(tag: nil, kind: .syntax("expected DONE")))
            }
        case .authenticate:
            do {
                let response = try GrammarParser.parseAuthenticationResponse(&buffer)
                guard buffer.isEmpty else { throw ParserError(hint: "expected base64") }
                return .authenticationResponse(response)
            } catch {
                return .bad(BadCommand(tag: nil, kind: .syntax("invalid base64")))
            }
        }
    }

    /// Parses one command from the start of `bytes`, the grammar alone (no framing).
    ///
    /// Resumable: returns nil, leaving `bytes` untouched, when the command is not complete yet; on
    /// success consumes exactly the command's bytes.
    public static func parseCommand(
        from bytes: inout ByteBuffer,
        limits: IMAPLimits = IMAPLimits(),
        options: ParserOptions = ParserOptions()
    ) throws(BadCommand) -> TaggedCommand? {
        var buffer = ParseBuffer(bytes, limits: limits, options: options)
        let result = try parseCommand(&buffer)
        if result != nil { bytes = buffer.bytes }
        return result
    }

    private static func parseCommand(_ buffer: inout ParseBuffer) throws(BadCommand) -> TaggedCommand? {
        var tag: String?
        do {
            return try GrammarParser.parseTaggedCommand(&buffer, tag: &tag)
        } catch is IncompleteMessage {
            return nil
        } catch let error as ParserError {
            throw BadCommand(tag: tag, kind: tag == nil ? .invalidTag : .syntax(error.hint))
        } catch is TooMuchRecursion {
            throw BadCommand(tag: tag, kind: .tooMuchRecursion)
        } catch let error as LiteralTooLarge {
            throw BadCommand(tag: tag, kind: .literalTooLarge(error.size))
        } catch is InvalidMailboxName {
            throw BadCommand(tag: tag, kind: .invalidMailboxName)
        } catch let error as UnknownCommand {
            throw BadCommand(tag: tag, kind: .unknownCommand(error.name))
        } catch {
            throw BadCommand(tag: tag, kind: .syntax("\(error)"))
        }
    }

    private static func tag(of frame: ByteBuffer) -> String? {
        var buffer = ParseBuffer(frame, limits: IMAPLimits(), options: ParserOptions())
        guard let tag = try? GrammarParser.parseTag(&buffer), (try? buffer.peek()) == UInt8(ascii: " ") else { return nil }
        return tag
    }
}
