import struct NIOCore.ByteBuffer

/// The server side's command parser: one framed line in, one ``SMTPCommand`` out.
///
/// Lines come from ``SMTPCommandLineFramer`` without their CRLF. The parser enforces the per-verb line
/// limits of ``SMTPDefaults`` (512 octets, 2048 for MAIL/RCPT, 12288 for AUTH), the address grammar of
/// RFC 5321 §4.1.2 with the SMTPUTF8 rules of RFC 6531, and the ESMTP parameter grammar. A failure is
/// an ``SMTPCommandError`` whose ``SMTPCommandError/reply`` the session sends back.
///
/// ```
/// C: MAIL FROM:<alice@example.org> SIZE=1024
/// → .mail(MailCommand(reversePath: .mailbox(alice@example.org), parameters: MailParameters(size: 1024)))
/// ```
public struct SMTPCommandParser: Sendable {
    /// How strictly to parse, and whether RCPT may carry UTF-8 addresses.
    public var options: SMTPParserOptions

    /// Makes a parser.
    public init(options: SMTPParserOptions = SMTPParserOptions()) {
        self.options = options
    }

    /// A parsed command and the lenient-mode deviations it needed.
    public struct Result: Hashable, Sendable {
        /// The command.
        public var command: SMTPCommand
        /// The RFC 5321 departures the lenient parser forgave (empty in strict mode).
        public var deviations: Set<SMTPDeviation>
    }

    /// Parses one command line (without its line end).
    public func parse(_ line: ByteBuffer) throws(SMTPCommandError) -> Result {
        try self.parse(Array(line.readableBytesView))
    }

    /// Parses one command line (without its line end).
    public func parse(_ line: [UInt8]) throws(SMTPCommandError) -> Result {
        var parser = CommandParser(line: line, options: self.options)
        let command = try parser.parseCommand()
        return Result(command: command, deviations: parser.deviations)
    }
}
