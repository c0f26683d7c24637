/// Parses one command line into values. Split by topic: `+Address` (paths and mailboxes),
/// `+Parameters` (ESMTP parameters), `+Commands` (verbs and their arguments). Each function is headed
/// by the ABNF rule it reads.
struct CommandParser {
    var scanner: CommandScanner
    let options: SMTPParserOptions
    /// The lenient-mode forgiveness used so far.
    var deviations: Set<SMTPDeviation> = []

    init(line: [UInt8], options: SMTPParserOptions) {
        self.scanner = CommandScanner(line)
        self.options = options
    }

    var isLenient: Bool { self.options.strictness == .lenient }

    /// Reads one SP, or in lenient mode a run of spaces and tabs (noting ``SMTPDeviation/extraSpaces``).
    mutating func parseSpace(_ what: String) throws(SMTPCommandError) {
        guard self.scanner.consume(UInt8(ascii: " ")) else {
            throw SMTPCommandError(.syntax, "expected a space before \(what)")
        }
        self.skipExtraSpaces()
    }

    /// In lenient mode, consumes further spaces/tabs and records the deviation; strict mode leaves them
    /// to fail the grammar.
    mutating func skipExtraSpaces() {
        guard self.isLenient else { return }
        let extra = self.scanner.take { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        if !extra.isEmpty { self.deviations.insert(.extraSpaces) }
    }

    /// Requires the end of the line, allowing trailing spaces in lenient mode.
    mutating func parseEnd() throws(SMTPCommandError) {
        self.skipExtraSpaces()
        guard self.scanner.isAtEnd else {
            throw SMTPCommandError(.syntax, "unexpected text at the end of the command")
        }
    }

    /// Turns ASCII/UTF-8 bytes into a String, rejecting malformed UTF-8.
    static func string(_ bytes: ArraySlice<UInt8>) throws(SMTPCommandError) -> String {
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw SMTPCommandError(.invalidCharacter, "malformed UTF-8")
        }
        return string
    }
}
