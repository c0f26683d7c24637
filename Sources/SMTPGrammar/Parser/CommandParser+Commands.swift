extension CommandParser {
    /// `command = verb [SP arguments]`; verbs are case-insensitive (RFC 5321 §2.4).
    mutating func parseCommand() throws(SMTPCommandError) -> SMTPCommand {
        try self.checkCharacters()
        let verbBytes = self.scanner.take(while: CommandScanner.isAlpha)
        let verb = String(decoding: verbBytes, as: UTF8.self).uppercased()
        try self.checkLength(verb: verb)
        switch verb {
        case "HELO": return .helo(try self.parseGreeting())
        case "EHLO": return .ehlo(try self.parseGreeting())
        case "LHLO": return .lhlo(try self.parseGreeting())
        case "MAIL": return .mail(try self.parseMail())
        case "RCPT": return .rcpt(try self.parseRcpt())
        case "DATA": return try self.parseBare(.data)
        case "BDAT": return try self.parseBDAT()
        case "RSET": return try self.parseBare(.rset)
        case "QUIT": return try self.parseBare(.quit)
        case "STARTTLS": return try self.parseBare(.startTLS)
        case "NOOP": return .noop(try self.parseOptionalString())
        case "HELP": return .help(try self.parseOptionalString())
        case "VRFY":
            guard let text = try self.parseOptionalString() else {
                throw SMTPCommandError(.syntax, "VRFY needs an argument")
            }
            guard self.options.utf8Addresses || text.utf8.allSatisfy({ $0 < 0x80 }) else {
                throw SMTPCommandError(.nonASCIIAddress, "UTF-8 in VRFY without SMTPUTF8")
            }
            return .vrfy(text)
        case "AUTH": return .auth(try self.parseAuth())
        case "XCLIENT": return .xclient(try self.parseAttributes())
        case "XFORWARD": return .xforward(try self.parseAttributes())
        default:
            throw SMTPCommandError(.unknownCommand, "unknown command")
        }
    }

    /// Rejects NUL, other controls and bare CR anywhere in the line (RFC 5321 §2.3.8 and §4.1.1: commands
    /// are printable US-ASCII), and 8-bit octets outside the commands that may carry UTF-8 addresses.
    private func checkCharacters() throws(SMTPCommandError) {
        for byte in self.scanner.bytes where byte < 0x20 && byte != UInt8(ascii: "\t") || byte == 0x7F {
            throw SMTPCommandError(.invalidCharacter, byte == 0 ? "NUL in command" : "control character in command")
        }
        let verb = self.scanner.bytes.prefix(4).map(CommandScanner.lowercased)
        let mayCarryUTF8 = [Array("mail".utf8), Array("rcpt".utf8), Array("vrfy".utf8)].contains(verb)
        if !mayCarryUTF8 && self.scanner.bytes.contains(where: { $0 >= 0x80 }) {
            throw SMTPCommandError(.invalidCharacter, "8-bit data in command")
        }
    }

    /// Per-verb line limits: the framer cuts lines at the largest limit, the verb decides the real one.
    private func checkLength(verb: String) throws(SMTPCommandError) {
        let limit =
            switch verb {
            case "AUTH": SMTPDefaults.authCommandLineLength
            case "MAIL", "RCPT", "XCLIENT", "XFORWARD": SMTPDefaults.extendedCommandLineLength
            default: SMTPDefaults.commandLineLength
            }
        guard self.scanner.bytes.count + 2 <= limit else {
            throw SMTPCommandError(.lineTooLong, "command line longer than \(limit) octets")
        }
    }

    /// A verb without arguments.
    private mutating func parseBare(_ command: SMTPCommand) throws(SMTPCommandError) -> SMTPCommand {
        try self.parseEnd()
        return command
    }

    /// `[SP String]` for NOOP, HELP and VRFY: the rest of the line, taken as text.
    private mutating func parseOptionalString() throws(SMTPCommandError) -> String? {
        if self.scanner.isAtEnd { return nil }
        try self.parseSpace("the argument")
        let rest = self.scanner.takeRest()
        var end = rest.endIndex
        while self.isLenient && end > rest.startIndex && rest[end - 1] == UInt8(ascii: " ") { end -= 1 }
        let trimmed = rest[rest.startIndex..<end]
        return trimmed.isEmpty ? nil : try Self.string(trimmed)
    }

    /// ```
    /// ehlo = "EHLO" SP ( Domain / address-literal ) CRLF
    /// helo = "HELO" SP Domain CRLF
    /// ```
    /// Strict mode requires a domain or address literal. Lenient mode takes any run of visible
    /// characters (clients send bare words, underscores, their IP without brackets) and notes
    /// ``SMTPDeviation/invalidGreetingArgument``; the argument is only used for logging and Received.
    private mutating func parseGreeting() throws(SMTPCommandError) -> String {
        try self.parseSpace("the domain")
        let start = self.scanner.index
        var valid = true
        do {
            if self.scanner.peek == UInt8(ascii: "[") {
                _ = try self.parseAddressLiteral()
            } else {
                _ = try self.parseDomain()
            }
            valid = self.scanner.isAtEnd || self.scanner.peek == UInt8(ascii: " ")
        } catch {
            valid = false
        }
        if !valid {
            guard self.isLenient else { throw SMTPCommandError(.syntax, "greeting needs a domain or address literal") }
            self.scanner.index = start
            guard !self.scanner.take(while: CommandScanner.isVisible).isEmpty else {
                throw SMTPCommandError(.syntax, "greeting needs an argument")
            }
            self.deviations.insert(.invalidGreetingArgument)
        }
        let argument = self.scanner.bytes[start..<self.scanner.index]
        try self.parseEnd()
        return String(decoding: argument, as: UTF8.self)
    }

    /// `mail = "MAIL FROM:" Reverse-path [SP Mail-parameters] CRLF`
    private mutating func parseMail() throws(SMTPCommandError) -> MailCommand {
        try self.parseKeyword(" FROM:")
        let path = try self.parsePath(allowNull: true, allowPostmaster: false)
        let parameters = try MailParameters(parsing: try self.parseParameters())
        switch path {
        case .null:
            return MailCommand(reversePath: .null, parameters: parameters)
        case .mailbox(let parsed):
            if parsed.isNonASCII && !parameters.smtpUTF8 {
                throw SMTPCommandError(.nonASCIIAddress, "UTF-8 sender address without SMTPUTF8")
            }
            return MailCommand(reversePath: .mailbox(parsed.mailbox), parameters: parameters)
        case .postmaster:
            preconditionFailure("MAIL does not ask for <Postmaster>")
        }
    }

    /// `rcpt = "RCPT TO:" ( "<Postmaster@" Domain ">" / "<Postmaster>" / Forward-path ) [SP Rcpt-parameters] CRLF`
    private mutating func parseRcpt() throws(SMTPCommandError) -> RcptCommand {
        try self.parseKeyword(" TO:")
        let path = try self.parsePath(allowNull: false, allowPostmaster: true)
        let parameters = try RcptParameters(parsing: try self.parseParameters())
        switch path {
        case .postmaster:
            return RcptCommand(forwardPath: .postmaster, parameters: parameters)
        case .mailbox(let parsed):
            if parsed.isNonASCII && !self.options.utf8Addresses {
                throw SMTPCommandError(.nonASCIIAddress, "UTF-8 recipient address without SMTPUTF8")
            }
            return RcptCommand(forwardPath: .mailbox(parsed.mailbox), parameters: parameters)
        case .null:
            preconditionFailure("RCPT does not accept <>")
        }
    }

    /// The `" FROM:"` / `" TO:"` after the verb; lenient mode allows spaces after the colon
    /// (``SMTPDeviation/spaceAfterColon``).
    private mutating func parseKeyword(_ keyword: String) throws(SMTPCommandError) {
        guard self.scanner.consume(caseInsensitive: keyword) else {
            throw SMTPCommandError(.syntax, "expected\(keyword)")
        }
        if self.isLenient && !self.scanner.take(while: { $0 == UInt8(ascii: " ") }).isEmpty {
            self.deviations.insert(.spaceAfterColon)
        }
    }

    /// ```
    /// bdat-cmd   = "BDAT" SP chunk-size [ SP end-marker ] CRLF
    /// chunk-size = 1*DIGIT
    /// end-marker = "LAST"
    /// ```
    private mutating func parseBDAT() throws(SMTPCommandError) -> SMTPCommand {
        try self.parseSpace("the chunk size")
        let digits = self.scanner.take { !($0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t")) }
        let size: Int
        do throws(SMTPCommandError) {
            size = try Self.parseNumber(String(decoding: digits, as: UTF8.self), what: "BDAT chunk size")
        } catch  where error.kind == .badParameter {
            throw SMTPCommandError(.syntax, "BDAT chunk size must be a decimal number")
        }
        var last = false
        if !self.scanner.isAtEnd {
            try self.parseSpace("LAST")
            if !self.scanner.isAtEnd {
                guard self.scanner.consume(caseInsensitive: "LAST") else {
                    throw SMTPCommandError(.syntax, "expected LAST after the BDAT chunk size")
                }
                last = true
            }
        }
        try self.parseEnd()
        return .bdat(size: size, last: last)
    }

    /// `"AUTH" SP sasl-mech [SP initial-response]` (RFC 4954 §4).
    private mutating func parseAuth() throws(SMTPCommandError) -> AuthCommand {
        try self.parseSpace("the mechanism")
        let mechanism = self.scanner.take {
            CommandScanner.isAlpha($0) || CommandScanner.isDigit($0) || $0 == UInt8(ascii: "-")
                || $0 == UInt8(ascii: "_")
        }
        guard (1...SMTPDefaults.mechanismNameLength).contains(mechanism.count) else {
            throw SMTPCommandError(.syntax, "invalid SASL mechanism name")
        }
        var response: AuthCommand.InitialResponse?
        if !self.scanner.isAtEnd {
            try self.parseSpace("the initial response")
            let text = self.scanner.take(while: CommandScanner.isVisible)
            if text.elementsEqual("=".utf8) {
                response = .empty
            } else if AuthCommand.isBase64(text) {
                response = .base64(String(decoding: text, as: UTF8.self))
            } else if !text.isEmpty || !self.isLenient {
                throw SMTPCommandError(.syntax, "initial response must be base64 or '='")
            }
        }
        try self.parseEnd()
        return AuthCommand(mechanism: String(decoding: mechanism, as: UTF8.self), initialResponse: response)
    }

    /// `XCLIENT`/`XFORWARD`: `SP attribute-name "=" attribute-value` repeated; values are xtext.
    private mutating func parseAttributes() throws(SMTPCommandError) -> [ESMTPParameter] {
        var attributes: [ESMTPParameter] = []
        while !self.scanner.isAtEnd {
            try self.parseSpace("an attribute")
            if self.scanner.isAtEnd && self.isLenient { break }
            let raw = try self.parseParameter()
            guard let value = raw.value, let decoded = XText.decode(value.utf8) else {
                throw SMTPCommandError(.badParameter, "attribute \(raw.keyword) needs an xtext value")
            }
            attributes.append(ESMTPParameter(keyword: raw.keyword, value: decoded))
        }
        guard !attributes.isEmpty else { throw SMTPCommandError(.syntax, "no attributes given") }
        return attributes
    }
}
