import IMAPGrammar

/// One thing read from an IMAP client, parsed the way the session asked for it.
public struct IMAPFrame: Sendable {
    /// What arrived.
    public enum Kind: Sendable {
        /// A tagged command (in ``IMAPReadRequest/mode`` `.command`).
        case command(TaggedCommand)
        /// The `DONE` that ends IDLE.
        case idleDone
        /// A line answering an AUTHENTICATE challenge.
        case authenticationResponse(AuthenticationResponse)
        /// Input that is not what was expected: answer `BAD`.
        case bad(BadCommand)
        /// A literal above the limit was announced. A synchronizing one was not accepted, so
        /// nothing more of its command arrives; a non-synchronizing one was read and discarded
        /// with the rest of its command (RFC 7888 §4). `limit` is the one its command has.
        case literalTooLarge(tag: String?, size: UInt64, limit: UInt64, synchronizing: Bool)
    }

    public var kind: Kind
    /// The connection's framing epoch when the frame was read (see ``ServerKit/Connection/epoch``).
    public var epoch: Int
}

/// What the session wants to read next, and how: the framing handler reads nothing, sends no
/// continuation request and parses nothing until the session asks.
struct IMAPReadRequest: Sendable, Hashable {
    /// Whether a command, an AUTHENTICATE response or IDLE's `DONE` is expected.
    var mode: CommandParser.Mode
    /// Grammar options that ENABLE changes (UTF8=ACCEPT names).
    var options: ParserOptions
    /// The largest literal accepted in APPEND.
    var maximumMessageLiteral: UInt64
    /// The largest literal accepted in any other command.
    var maximumOtherLiteral: UInt64

    init(mode: CommandParser.Mode, options: ParserOptions, maximumMessageLiteral: UInt64, maximumOtherLiteral: UInt64) {
        self.mode = mode
        self.options = options
        self.maximumMessageLiteral = maximumMessageLiteral
        self.maximumOtherLiteral = maximumOtherLiteral
    }
}
