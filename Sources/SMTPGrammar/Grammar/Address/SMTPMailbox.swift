/// `Local-part "@" ( Domain / address-literal )` (RFC 5321 §4.1.2).
///
/// ``localPart`` holds the local part's meaning: a quoted-string's quotes and backslashes are removed,
/// so `"john\ doe"@example.org` and `"john doe"@example.org` are equal. ``description`` gives the
/// canonical wire form, quoting only when the local part is not a dot-string.
public struct SMTPMailbox: Hashable, Sendable, CustomStringConvertible {
    /// The local part, unquoted. Case-sensitive by RFC 5321 §2.4.
    public var localPart: String
    /// The domain or address literal.
    public var host: SMTPHost

    /// Makes a mailbox from its parts.
    public init(localPart: String, host: SMTPHost) {
        self.localPart = localPart
        self.host = host
    }

    /// Parses a bare mailbox such as `user@example.org` (no angle brackets).
    /// - Parameter utf8: whether UTF-8 local parts and domains are allowed (SMTPUTF8 in effect).
    public init(parsing text: String, utf8: Bool = false) throws(SMTPCommandError) {
        var parser = CommandParser(line: Array(text.utf8), options: .init(strictness: .strict))
        let parsed = try parser.parseMailbox()
        guard parser.scanner.isAtEnd else {
            throw SMTPCommandError(.badAddress, "unexpected characters after the address")
        }
        if parsed.isNonASCII && !utf8 {
            throw SMTPCommandError(.nonASCIIAddress, "UTF-8 address without SMTPUTF8")
        }
        self = parsed.mailbox
    }

    /// Whether the address contains UTF-8 beyond ASCII, and so needs SMTPUTF8 (RFC 6531 §3.2).
    public var isInternationalized: Bool {
        !self.localPart.utf8.allSatisfy { $0 < 0x80 } || !self.host.description.utf8.allSatisfy { $0 < 0x80 }
    }

    public var description: String { "\(Self.encodeLocalPart(self.localPart))@\(self.host)" }
}

// MARK: - Encoding

extension SMTPMailbox {
    /// `Dot-string` when the local part is one, else a `Quoted-string` with `"` and `\` escaped.
    static func encodeLocalPart(_ localPart: String) -> String {
        let bytes = Array(localPart.utf8)
        let atoms = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        if !bytes.isEmpty && atoms.allSatisfy({ !$0.isEmpty && $0.allSatisfy(CommandScanner.isAtext) }) {
            return localPart
        }
        var quoted = "\""
        for character in localPart.unicodeScalars {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.unicodeScalars.append(character)
        }
        return quoted + "\""
    }
}
