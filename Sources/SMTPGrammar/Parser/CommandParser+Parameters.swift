extension CommandParser {
    /// ```
    /// Mail-parameters = esmtp-param *(SP esmtp-param)
    /// esmtp-param     = esmtp-keyword ["=" esmtp-value]
    /// esmtp-keyword   = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
    /// esmtp-value     = 1*(%d33-60 / %d62-126)
    /// ```
    /// Reads the parameters after a path up to the end of the line. A keyword given twice is an error.
    mutating func parseParameters() throws(SMTPCommandError) -> [ESMTPParameter] {
        var parameters: [ESMTPParameter] = []
        var seen: Set<String> = []
        while !self.scanner.isAtEnd {
            try self.parseSpace("a parameter")
            if self.scanner.isAtEnd && self.isLenient {
                self.deviations.insert(.extraSpaces)
                break
            }
            let parameter = try self.parseParameter()
            guard seen.insert(parameter.keyword).inserted else {
                throw SMTPCommandError(.duplicateParameter, "\(parameter.keyword) given twice")
            }
            parameters.append(parameter)
        }
        return parameters
    }

    /// One `esmtp-param`.
    mutating func parseParameter() throws(SMTPCommandError) -> ESMTPParameter {
        let keyword = self.scanner.take(while: CommandScanner.isKeywordCharacter)
        guard let first = keyword.first, first != UInt8(ascii: "-") else {
            throw SMTPCommandError(.badParameter, "invalid parameter keyword")
        }
        var value: String?
        if self.scanner.consume(UInt8(ascii: "=")) {
            let bytes = self.scanner.take(while: CommandScanner.isValueCharacter)
            guard !bytes.isEmpty else { throw SMTPCommandError(.badParameter, "empty parameter value") }
            value = String(decoding: bytes, as: UTF8.self)
        }
        if let next = self.scanner.peek, next != UInt8(ascii: " "), next != UInt8(ascii: "\t") {
            throw SMTPCommandError(.badParameter, "invalid character in parameter")
        }
        return ESMTPParameter(keyword: String(decoding: keyword, as: UTF8.self), value: value)
    }

    /// A decimal number of at most ``SMTPDefaults/maximumNumberDigits`` digits that fits in `Int`:
    /// `SIZE` (RFC 1870 §3, `1*20DIGIT`) and the BDAT chunk size (RFC 3030 §3, `1*DIGIT`).
    static func parseNumber(_ text: String?, what: String) throws(SMTPCommandError) -> Int {
        guard let text, !text.isEmpty, text.utf8.allSatisfy(CommandScanner.isDigit) else {
            throw SMTPCommandError(.badParameter, "\(what) must be a decimal number")
        }
        guard text.utf8.count <= SMTPDefaults.maximumNumberDigits, let number = Int(text) else {
            throw SMTPCommandError(.numberTooLarge, "\(what) is too large")
        }
        return number
    }
}
