/// A reply from the server that the client cannot parse (RFC 5321 §4.2).
///
/// Thrown by ``SMTPReplyParser``. After it the connection is out of step and the client should send
/// QUIT and close: there is no way to find the next reply's start reliably.
public struct SMTPReplyParseError: Error, Hashable, Sendable {
    /// What kind of problem the reply has. New kinds may be added.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case badCode, inconsistentCode, badSeparator, lineTooLong, tooManyLines, invalidCharacter
        }

        private let base: Base

        /// The line does not start with a three-digit code from 200 to 599 (RFC 5321 §4.2).
        public static let badCode = Kind(base: .badCode)
        /// A continuation line carries a different code than the first line (RFC 5321 §4.2.1).
        public static let inconsistentCode = Kind(base: .inconsistentCode)
        /// The code is followed by something other than SP, "-" or the line end.
        public static let badSeparator = Kind(base: .badSeparator)
        /// A line is longer than the parser's limit.
        public static let lineTooLong = Kind(base: .lineTooLong)
        /// The reply has more lines than the parser's limit.
        public static let tooManyLines = Kind(base: .tooManyLines)
        /// NUL, a bare CR, or (in strict mode) a bare LF in a reply line.
        public static let invalidCharacter = Kind(base: .invalidCharacter)

        public var description: String { "\(self.base)" }
    }

    /// What went wrong.
    public var kind: Kind
    /// A short human-readable detail for the log.
    public var detail: String

    /// Makes an error of the given kind.
    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }
}
