import struct NIOCore.ByteBuffer

/// The parser ran out of bytes: feed more and run it again. Never an error to send to a client.
public struct IncompleteMessage: Error, Hashable, Sendable {
    public init() {}
}

/// A syntax error found by one grammar rule. `hint` says what was expected.
public struct ParserError: Error, Hashable, Sendable {
    public var hint: String
    public var file: String
    public var line: Int

    public init(hint: String, file: String = #fileID, line: Int = #line) {
        self.hint = hint
        self.file = file
        self.line = line
    }
}

/// Parenthesised lists nested deeper than ``IMAPLimits/maximumNestingDepth``.
public struct TooMuchRecursion: Error, Hashable, Sendable {
    public var limit: Int
    public init(limit: Int) { self.limit = limit }
}

/// A literal larger than the limit that applies to it.
public struct LiteralTooLarge: Error, Hashable, Sendable {
    public var size: UInt64
    public var limit: UInt64
    public init(size: UInt64, limit: UInt64) {
        self.size = size
        self.limit = limit
    }
}

/// A command the server must answer with a tagged (or, without a tag, untagged) `BAD`.
///
/// It carries the tag when the parser got that far, so the session can reply
/// `a1 BAD <text>`; without a tag it replies `* BAD <text>`.
public struct BadCommand: Error, Hashable, Sendable {
    /// What went wrong. An open set: new kinds may be added.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: Hashable, Sendable {
            case invalidTag
            case unknownCommand(String)
            case syntax(String)
            case tooMuchRecursion
            case literalTooLarge(UInt64)
            case lineTooLong
            case invalidMailboxName
        }
        fileprivate var base: Base

        /// The line does not start with a valid tag.
        public static let invalidTag = Kind(base: .invalidTag)
        /// The command name is not one we know.
        public static func unknownCommand(_ name: String) -> Kind { Kind(base: .unknownCommand(name)) }
        /// A grammar rule failed; the hint names it.
        public static func syntax(_ hint: String) -> Kind { Kind(base: .syntax(hint)) }
        /// Parentheses nested deeper than the limit.
        public static let tooMuchRecursion = Kind(base: .tooMuchRecursion)
        /// A literal larger than the limit (the size announced).
        public static func literalTooLarge(_ size: UInt64) -> Kind { Kind(base: .literalTooLarge(size)) }
        /// A command line longer than ``IMAPLimits/maximumLineLength``.
        public static let lineTooLong = Kind(base: .lineTooLong)
        /// A mailbox name that is not valid modified UTF-7 (RFC 3501 §5.1.3) or UTF-8.
        public static let invalidMailboxName = Kind(base: .invalidMailboxName)

        /// The unknown command's name, if this is ``unknownCommand(_:)``.
        public var unknownCommandName: String? {
            if case .unknownCommand(let name) = base { return name }
            return nil
        }

        /// Whether this is a syntax error (any hint).
        public var isSyntax: Bool {
            if case .syntax = base { return true }
            return false
        }

        public var description: String {
            switch base {
            case .invalidTag: return "Invalid tag"
            case .unknownCommand(let name): return "Unknown command \(name)"
            case .syntax(let hint): return "Syntax error: \(hint)"
            case .tooMuchRecursion: return "Too deeply nested"
            case .literalTooLarge(let size): return "Literal too large (\(size) octets)"
            case .lineTooLong: return "Command line too long"
            case .invalidMailboxName: return "Mailbox name is not valid modified UTF-7 or UTF-8"
            }
        }
    }

    /// The command's tag, when the parser could read one.
    public var tag: String?
    public var kind: Kind

    public init(tag: String?, kind: Kind) {
        self.tag = tag
        self.kind = kind
    }
}
