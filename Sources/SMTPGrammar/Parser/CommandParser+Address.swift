/// A mailbox as parsed, with whether it used UTF-8 (which needs SMTPUTF8).
struct ParsedMailbox {
    var mailbox: SMTPMailbox
    var isNonASCII: Bool
}

/// What a path turned out to be.
enum ParsedPath {
    case null
    case postmaster
    case mailbox(ParsedMailbox)
}

extension CommandParser {
    /// ```
    /// Reverse-path = Path / "<>"
    /// Forward-path = Path                   ; RCPT also takes "<Postmaster>"
    /// Path         = "<" [ A-d-l ":" ] Mailbox ">"
    /// A-d-l        = At-domain *( "," At-domain )   ; source route: parsed and dropped
    /// At-domain    = "@" Domain
    /// ```
    /// Lenient mode also takes a mailbox without the brackets.
    mutating func parsePath(allowNull: Bool, allowPostmaster: Bool) throws(SMTPCommandError) -> ParsedPath {
        let start = self.scanner.index
        let bracketed = self.scanner.consume(UInt8(ascii: "<"))
        if !bracketed {
            guard self.isLenient else { throw SMTPCommandError(.badAddress, "path must start with '<'") }
            self.deviations.insert(.missingAngleBrackets)
        }
        if bracketed && self.scanner.consume(UInt8(ascii: ">")) {
            guard allowNull else { throw SMTPCommandError(.badAddress, "null path not allowed here") }
            return .null
        }
        if bracketed && self.scanner.peek == UInt8(ascii: "@") {
            try self.parseSourceRoute()
        }
        if allowPostmaster && bracketed {
            let mark = self.scanner.index
            if self.scanner.consume(caseInsensitive: "postmaster>") {
                return .postmaster
            }
            self.scanner.index = mark
        }
        let mailbox = try self.parseMailbox()
        if bracketed && !self.scanner.consume(UInt8(ascii: ">")) {
            throw SMTPCommandError(.badAddress, "path must end with '>'")
        }
        let length = self.scanner.index - start + (bracketed ? 0 : 2)
        guard length <= SMTPDefaults.pathLength else {
            throw SMTPCommandError(.pathTooLong, "path longer than \(SMTPDefaults.pathLength) octets")
        }
        return .mailbox(mailbox)
    }

    /// `A-d-l ":"` — `@relay1,@relay2:`; RFC 5321 §4.1.2 says servers ignore it.
    private mutating func parseSourceRoute() throws(SMTPCommandError) {
        repeat {
            guard self.scanner.consume(UInt8(ascii: "@")) else {
                throw SMTPCommandError(.badAddress, "source route hop must start with '@'")
            }
            _ = try self.parseDomain()
        } while self.scanner.consume(UInt8(ascii: ","))
        guard self.scanner.consume(UInt8(ascii: ":")) else {
            throw SMTPCommandError(.badAddress, "source route must end with ':'")
        }
    }

    /// `Mailbox = Local-part "@" ( Domain / address-literal )`
    mutating func parseMailbox() throws(SMTPCommandError) -> ParsedMailbox {
        let start = self.scanner.index
        let (localPart, localIsNonASCII) =
            try (self.scanner.peek == UInt8(ascii: "\"") ? self.parseQuotedString() : self.parseDotString())
        guard self.scanner.index - start <= SMTPDefaults.localPartLength else {
            throw SMTPCommandError(.pathTooLong, "local part longer than \(SMTPDefaults.localPartLength) octets")
        }
        guard self.scanner.consume(UInt8(ascii: "@")) else {
            throw SMTPCommandError(.badAddress, "mailbox needs '@' and a domain")
        }
        let host: SMTPHost
        var hostIsNonASCII = false
        if self.scanner.peek == UInt8(ascii: "[") {
            host = .addressLiteral(try self.parseAddressLiteral())
        } else {
            let domain = try self.parseDomain()
            hostIsNonASCII = !domain.utf8.allSatisfy { $0 < 0x80 }
            host = .domain(domain)
        }
        return ParsedMailbox(
            mailbox: SMTPMailbox(localPart: localPart, host: host),
            isNonASCII: localIsNonASCII || hostIsNonASCII
        )
    }

    /// `Dot-string = Atom *("." Atom)`, `Atom = 1*atext` (UTF-8 allowed here, checked by the caller).
    private mutating func parseDotString() throws(SMTPCommandError) -> (String, Bool) {
        let start = self.scanner.index
        repeat {
            guard !self.scanner.take(while: CommandScanner.isAtext).isEmpty else {
                throw SMTPCommandError(.badAddress, "empty or invalid atom in local part")
            }
        } while self.scanner.consume(UInt8(ascii: "."))
        let bytes = self.scanner.bytes[start..<self.scanner.index]
        return (try Self.string(bytes), bytes.contains { $0 >= 0x80 })
    }

    /// ```
    /// Quoted-string   = DQUOTE *QcontentSMTP DQUOTE
    /// QcontentSMTP    = qtextSMTP / quoted-pairSMTP
    /// quoted-pairSMTP = %d92 %d32-126
    /// qtextSMTP       = %d32-33 / %d35-91 / %d93-126   ; RFC 6531: =/ UTF8-non-ascii
    /// ```
    private mutating func parseQuotedString() throws(SMTPCommandError) -> (String, Bool) {
        _ = self.scanner.consume(UInt8(ascii: "\""))
        var content: [UInt8] = []
        while true {
            guard let byte = self.scanner.peek else {
                throw SMTPCommandError(.badAddress, "unterminated quoted string")
            }
            self.scanner.index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return (try Self.string(content[...]), content.contains { $0 >= 0x80 })
            case UInt8(ascii: "\\"):
                guard let escaped = self.scanner.peek, (32...126).contains(escaped) else {
                    throw SMTPCommandError(.badAddress, "invalid quoted pair")
                }
                self.scanner.index += 1
                content.append(escaped)
            case 32...126, 0x80...:
                content.append(byte)
            default:
                throw SMTPCommandError(.badAddress, "invalid character in quoted string")
            }
        }
    }

    /// ```
    /// Domain     = sub-domain *("." sub-domain)
    /// sub-domain = Let-dig [Ldh-str]               ; RFC 6531: =/ U-label
    /// ```
    /// Labels are 1 to ``SMTPDefaults/domainLabelLength`` octets and do not start or end with "-".
    mutating func parseDomain() throws(SMTPCommandError) -> String {
        let start = self.scanner.index
        repeat {
            let label = self.scanner.take {
                CommandScanner.isAlpha($0) || CommandScanner.isDigit($0) || $0 == UInt8(ascii: "-") || $0 >= 0x80
            }
            guard !label.isEmpty, label.count <= SMTPDefaults.domainLabelLength, label.first != UInt8(ascii: "-"),
                label.last != UInt8(ascii: "-")
            else {
                throw SMTPCommandError(.badAddress, "invalid domain label")
            }
        } while self.scanner.consume(UInt8(ascii: "."))
        guard self.scanner.index - start <= SMTPDefaults.domainLength else {
            throw SMTPCommandError(.pathTooLong, "domain longer than \(SMTPDefaults.domainLength) octets")
        }
        return try Self.string(self.scanner.bytes[start..<self.scanner.index])
    }

    /// ```
    /// address-literal         = "[" ( IPv4-address-literal / IPv6-address-literal /
    ///                                 General-address-literal ) "]"
    /// IPv6-address-literal    = "IPv6:" IPv6-addr
    /// General-address-literal = Standardized-tag ":" 1*dcontent
    /// dcontent                = %d33-90 / %d94-126
    /// ```
    mutating func parseAddressLiteral() throws(SMTPCommandError) -> AddressLiteral {
        _ = self.scanner.consume(UInt8(ascii: "["))
        let content = self.scanner.take { (33...90).contains($0) || (94...126).contains($0) }
        guard self.scanner.consume(UInt8(ascii: "]")) else {
            throw SMTPCommandError(.badAddress, "address literal must end with ']'")
        }
        let text = Substring(String(decoding: content, as: UTF8.self))
        if let octets = AddressLiteral.parseIPv4(text) {
            return .ipv4(octets)
        }
        if text.first?.isASCIIDigit == true {
            throw SMTPCommandError(.badAddress, "invalid IPv4 address literal")
        }
        guard let colon = text.firstIndex(of: ":") else {
            throw SMTPCommandError(.badAddress, "address literal needs a tag")
        }
        let tag = text[..<colon]
        let value = text[text.index(after: colon)...]
        if tag.lowercased() == "ipv6" {
            guard AddressLiteral.isValidIPv6(value) else {
                throw SMTPCommandError(.badAddress, "invalid IPv6 address literal")
            }
            return .ipv6(String(value))
        }
        let tagBytes = Array(tag.utf8)
        guard !tagBytes.isEmpty, !value.isEmpty, tagBytes.allSatisfy(CommandScanner.isKeywordCharacter),
            tagBytes.last != UInt8(ascii: "-")
        else {
            throw SMTPCommandError(.badAddress, "invalid general address literal")
        }
        return .general(tag: String(tag), content: String(value))
    }
}
