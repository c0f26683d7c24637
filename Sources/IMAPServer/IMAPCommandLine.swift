/// One IMAP command line cut into tag, command name and arguments (RFC 9051 §9).
///
/// This covers what the not-authenticated state needs: atoms, quoted strings and literals
/// (whose bytes the session collects after the line). The full command grammar arrives with
/// the `IMAPGrammar` module.
struct IMAPCommandLine: Equatable {
    /// One argument.
    enum Argument: Equatable {
        /// An atom or a quoted string, unquoted.
        case string(String)
        /// `{n}` or `{n+}` ending the line: `n` bytes follow.
        case literal(count: Int, synchronizing: Bool)
    }

    var tag: String
    /// The command name, upper-cased.
    var command: String
    var arguments: [Argument]

    /// Why a line could not be read as a command, with the tag when one was found so the
    /// server can answer with a tagged BAD.
    struct ParseError: Error, Equatable {
        var tag: String?
        var message: String
    }

    /// Parses a line without its CRLF.
    /// - Parameter maximumLiteral: the largest literal accepted.
    init(parsing line: [UInt8], maximumLiteral: Int) throws(ParseError) {
        var reader = Reader(bytes: line)
        guard let tag = reader.readAtom(excluding: [UInt8(ascii: "+")]), !tag.isEmpty else {
            throw ParseError(tag: nil, message: "Missing command tag")
        }
        self.tag = tag
        guard reader.consume(UInt8(ascii: " ")), let command = reader.readAtom(excluding: []), !command.isEmpty else {
            throw ParseError(tag: tag, message: "Missing command")
        }
        self.command = command.uppercased()
        self.arguments = []
        try appendArguments(parsing: Array(line[reader.index...]), maximumLiteral: maximumLiteral)
    }

    /// Parses more arguments: the rest of the line that follows a literal's bytes.
    /// `bytes` is empty or starts with a space.
    mutating func appendArguments(parsing bytes: [UInt8], maximumLiteral: Int) throws(ParseError) {
        var reader = Reader(bytes: bytes)
        while !reader.isAtEnd {
            guard reader.consume(UInt8(ascii: " ")) else {
                throw ParseError(tag: tag, message: "Expected a space between arguments")
            }
            switch reader.peek {
            case UInt8(ascii: "\""):
                guard let quoted = reader.readQuoted() else {
                    throw ParseError(tag: tag, message: "Invalid quoted string")
                }
                arguments.append(.string(quoted))
            case UInt8(ascii: "{"):
                guard let (count, synchronizing) = reader.readLiteralMarker(), reader.isAtEnd else {
                    throw ParseError(tag: tag, message: "Invalid literal")
                }
                guard count <= maximumLiteral else {
                    throw ParseError(tag: tag, message: "Literal too large (limit \(maximumLiteral) bytes)")
                }
                arguments.append(.literal(count: count, synchronizing: synchronizing))
            default:
                guard let atom = reader.readAtom(excluding: []), !atom.isEmpty else {
                    throw ParseError(tag: tag, message: "Invalid characters in argument")
                }
                arguments.append(.string(atom))
            }
        }
    }
}

private struct Reader {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { index >= bytes.count }
    var peek: UInt8? { isAtEnd ? nil : bytes[index] }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    /// ASTRING-CHAR run: printable ASCII except the atom-specials (RFC 9051 `atom-specials`),
    /// with `]` allowed as in `ASTRING-CHAR`.
    mutating func readAtom(excluding extra: Set<UInt8>) -> String? {
        guard !isAtEnd else { return nil }
        let start = index
        while let byte = peek, Self.isAtomChar(byte), !extra.contains(byte) {
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func readQuoted() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        var result: [UInt8] = []
        while let byte = peek {
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: result, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = peek, escaped == UInt8(ascii: "\"") || escaped == UInt8(ascii: "\\") else {
                    return nil
                }
                index += 1
                result.append(escaped)
            case 0, UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                return nil
            default:
                result.append(byte)
            }
        }
        return nil
    }

    mutating func readLiteralMarker() -> (Int, Bool)? {
        guard consume(UInt8(ascii: "{")) else { return nil }
        var count = 0
        var digits = 0
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            index += 1
            digits += 1
            guard digits <= 10 else { return nil }
            count = count * 10 + Int(byte - UInt8(ascii: "0"))
        }
        guard digits > 0 else { return nil }
        let nonSynchronizing = consume(UInt8(ascii: "+"))
        guard consume(UInt8(ascii: "}")) else { return nil }
        return (count, !nonSynchronizing)
    }

    static func isAtomChar(_ byte: UInt8) -> Bool {
        guard byte > 0x20, byte < 0x7F else { return false }
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "%"), UInt8(ascii: "*"),
            UInt8(ascii: "\""), UInt8(ascii: "\\"):
            return false
        default:
            return true
        }
    }
}
