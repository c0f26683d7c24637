/// Cuts a Sieve script into tokens (RFC 5228 §2.2–2.4 and §8.1): comments, identifiers, tags,
/// numbers with quantifiers, quoted strings with `\` escapes, and multi-line `text:` strings
/// with dot-stuffing.
///
/// Line ends may be CRLF or LF. Bounded: a number over 2^64-1 or a string over
/// `maximumStringLength` is an error, never a crash.
struct SieveLexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private let maximumStringLength: Int

    init(_ script: String, maximumStringLength: Int) {
        self.scalars = Array(script.unicodeScalars)
        self.maximumStringLength = maximumStringLength
    }

    /// Every token of the script.
    mutating func tokens() throws(SieveSyntaxError) -> [SieveToken] {
        var tokens: [SieveToken] = []
        while let token = try next() {
            tokens.append(token)
        }
        return tokens
    }

    private var location: SourceLocation { SourceLocation(line: line, column: column) }
    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private mutating func next() throws(SieveSyntaxError) -> SieveToken? {
        try skipWhitespaceAndComments()
        guard let scalar = current else { return nil }
        let start = location
        let single: SieveToken.Kind? =
            switch scalar {
            case "[": .leftBracket
            case "]": .rightBracket
            case "(": .leftParenthesis
            case ")": .rightParenthesis
            case "{": .leftBrace
            case "}": .rightBrace
            case ",": .comma
            case ";": .semicolon
            default: nil
            }
        if let single {
            advance()
            return SieveToken(kind: single, location: start)
        }
        if scalar == "\"" { return SieveToken(kind: .string(try quotedString()), location: start) }
        if scalar == ":" {
            advance()
            guard let name = identifier() else { throw SieveSyntaxError(start, "expected a tag name after ':'") }
            return SieveToken(kind: .tag(name), location: start)
        }
        if Self.isDigit(scalar) { return SieveToken(kind: .number(try number()), location: start) }
        if let name = identifier() {
            if name == "text", current == ":" {
                advance()
                return SieveToken(kind: .string(try multilineString(start: start)), location: start)
            }
            return SieveToken(kind: .identifier(name), location: start)
        }
        throw SieveSyntaxError(start, "unexpected character '\(scalar.escaped(asASCII: true))'")
    }

    private mutating func skipWhitespaceAndComments() throws(SieveSyntaxError) {
        while let scalar = current {
            switch scalar {
            case " ", "\t", "\r", "\n":
                advance()
            case "#":
                while let next = current, next != "\n" { advance() }
            case "/" where peek(1) == "*":
                let start = location
                advance()
                advance()
                while true {
                    guard let next = current else { throw SieveSyntaxError(start, "unterminated comment") }
                    if next == "*", peek(1) == "/" {
                        advance()
                        advance()
                        break
                    }
                    advance()
                }
            default:
                return
            }
        }
    }

    /// identifier = (ALPHA / "_") *(ALPHA / DIGIT / "_")
    private mutating func identifier() -> String? {
        guard let first = current, Self.isAlpha(first) || first == "_" else { return nil }
        var name = ""
        while let scalar = current, Self.isAlpha(scalar) || Self.isDigit(scalar) || scalar == "_" {
            name.unicodeScalars.append(scalar)
            advance()
        }
        return name.lowercased()
    }

    /// number = 1*DIGIT [ QUANTIFIER ]; QUANTIFIER = "K" / "M" / "G"
    private mutating func number() throws(SieveSyntaxError) -> UInt64 {
        let start = location
        var value: UInt64 = 0
        while let scalar = current, Self.isDigit(scalar) {
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = multiplied.addingReportingOverflow(UInt64(scalar.value - 48))
            guard !overflow1, !overflow2 else { throw SieveSyntaxError(start, "number too large") }
            value = added
            advance()
        }
        let shift: UInt64? =
            switch current {
            case "K", "k": 10
            case "M", "m": 20
            case "G", "g": 30
            default: nil
            }
        if let shift {
            advance()
            guard value <= UInt64.max >> shift else { throw SieveSyntaxError(start, "number too large") }
            value <<= shift
        }
        return value
    }

    /// quoted-string = DQUOTE quoted-text DQUOTE, where `\` escapes the next character.
    private mutating func quotedString() throws(SieveSyntaxError) -> String {
        let start = location
        advance()
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = current else { throw SieveSyntaxError(start, "unterminated string") }
            advance()
            if scalar == "\"" { break }
            if scalar == "\\" {
                guard let escaped = current else { throw SieveSyntaxError(start, "unterminated string") }
                advance()
                text.append(escaped)
            } else {
                text.append(scalar)
            }
            guard text.count <= maximumStringLength else {
                throw SieveSyntaxError(start, "string longer than \(maximumStringLength) characters")
            }
        }
        return String(text)
    }

    /// multi-line = "text:" *(SP / HTAB) (hash-comment / CRLF) *(multiline-literal / multiline-dotstart) "." CRLF
    private mutating func multilineString(start: SourceLocation) throws(SieveSyntaxError) -> String {
        while let scalar = current, scalar == " " || scalar == "\t" { advance() }
        if current == "#" {
            while let next = current, next != "\n" { advance() }
        }
        if current == "\r" { advance() }
        guard current == "\n" else { throw SieveSyntaxError(location, "expected a line end after 'text:'") }
        advance()
        var lines: [String] = []
        var total = 0
        while true {
            guard current != nil else { throw SieveSyntaxError(start, "multi-line string without its closing '.' line") }
            var lineText = String.UnicodeScalarView()
            while let scalar = current, scalar != "\n" {
                lineText.append(scalar)
                advance()
            }
            let hadNewline = current == "\n"
            if hadNewline { advance() }
            var text = String(lineText)
            if text.hasSuffix("\r") { text.removeLast() }
            if text == "." { break }
            guard hadNewline else { throw SieveSyntaxError(start, "multi-line string without its closing '.' line") }
            if text.hasPrefix("..") { text.removeFirst() }
            total += text.unicodeScalars.count + 2
            guard total <= maximumStringLength else {
                throw SieveSyntaxError(start, "string longer than \(maximumStringLength) characters")
            }
            lines.append(text)
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    private static func isAlpha(_ scalar: Unicode.Scalar) -> Bool {
        (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar >= "0" && scalar <= "9"
    }
}
