/// A command line the server cannot accept, with the reply it should send.
///
/// Thrown by ``SMTPCommandParser`` and reported by ``SMTPCommandLineFramer``. ``kind`` says what went
/// wrong in a form code can switch on; ``reply`` is the SMTP reply (RFC 5321 §4.2, enhanced status per
/// RFC 3463) the session sends before reading the next command. None of these errors closes the
/// connection by itself: the session counts bad commands and decides.
public struct SMTPCommandError: Error, Hashable, Sendable {
    /// What kind of problem the line has. New kinds may be added.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case lineTooLong, bareLineFeed, invalidCharacter, unknownCommand, syntax, badAddress
            case pathTooLong, nonASCIIAddress, badParameter, duplicateParameter, numberTooLarge
        }

        private let base: Base

        /// The line exceeded its limit. `500 5.5.2` (RFC 5321 §4.5.3.1.10 suggests "500 Line too long";
        /// 5.5.6 is only for AUTH exchange lines, RFC 4954 §6).
        public static let lineTooLong = Kind(base: .lineTooLong)
        /// The line ended in a bare LF and the parser is strict (RFC 5321 §2.3.8). `500 5.5.2`
        public static let bareLineFeed = Kind(base: .bareLineFeed)
        /// NUL, a control character, a bare CR, or 8-bit data where none is allowed. `500 5.5.2`
        public static let invalidCharacter = Kind(base: .invalidCharacter)
        /// The verb is not one we know. `500 5.5.1`
        public static let unknownCommand = Kind(base: .unknownCommand)
        /// The arguments do not match the command's grammar. `501 5.5.4`
        public static let syntax = Kind(base: .syntax)
        /// The path is not a valid RFC 5321 §4.1.2 address. `501 5.1.3`
        public static let badAddress = Kind(base: .badAddress)
        /// The local part, domain or whole path is over its RFC 5321 §4.5.3.1 limit. `501 5.1.3`
        public static let pathTooLong = Kind(base: .pathTooLong)
        /// A UTF-8 address without SMTPUTF8 in effect (RFC 6531 §3.7.4.1). `553 5.6.7`
        public static let nonASCIIAddress = Kind(base: .nonASCIIAddress)
        /// An ESMTP parameter is malformed or has a bad value. `501 5.5.4`
        public static let badParameter = Kind(base: .badParameter)
        /// An ESMTP parameter was given twice. `501 5.5.4`
        public static let duplicateParameter = Kind(base: .duplicateParameter)
        /// SIZE or a BDAT chunk size does not fit in the range we handle (RFC 1870 §6.1). `552 5.3.4`
        public static let numberTooLarge = Kind(base: .numberTooLarge)

        public var description: String { "\(self.base)" }
    }

    /// What went wrong.
    public var kind: Kind
    /// A short human-readable detail, suitable for the reply text and the log.
    public var detail: String

    /// Makes an error of the given kind.
    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    /// The reply a server sends for this error.
    public var reply: SMTPReply {
        let (code, status): (Int, EnhancedStatusCode) =
            switch self.kind {
            case .lineTooLong, .bareLineFeed, .invalidCharacter: (500, .init(5, 5, 2))
            case .unknownCommand: (500, .init(5, 5, 1))
            case .badAddress, .pathTooLong: (501, .init(5, 1, 3))
            case .nonASCIIAddress: (553, .init(5, 6, 7))
            case .numberTooLarge: (552, .init(5, 3, 4))
            default: (501, .init(5, 5, 4))
            }
        return SMTPReply(code: code, enhancedStatus: status, text: self.detail)
    }
}
