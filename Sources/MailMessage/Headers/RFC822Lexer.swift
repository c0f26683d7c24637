/// A tokenizer for structured header values (RFC 5322 §3.2, RFC 2045 §5.1), tolerant in the
/// same places as Dovecot's `rfc822-parser.c`, so that ENVELOPE and BODYSTRUCTURE come out the same.
///
/// Every `parse…` function appends what it read to `output` and returns a ``Step``: `.failed`
/// (syntax error), `.end` (input consumed) or `.more` (more input follows). White space, line ends
/// and comments between tokens are skipped; the last comment seen is kept in ``lastComment``.
struct RFC822Lexer {
    enum Step: Equatable {
        case failed
        case end
        case more
    }

    let data: [UInt8]
    var position: Int
    /// The text of the most recently skipped comment, unescaped, line ends removed.
    var lastComment: [UInt8] = []

    init(_ data: [UInt8]) {
        self.data = data
        self.position = 0
    }

    var atEnd: Bool { position >= data.count }
    var current: UInt8? { position < data.count ? data[position] : nil }

    private var state: Step { position < data.count ? .more : .end }

    // MARK: - Character classes

    /// `atext` of RFC 5322 §3.2.3; 8-bit bytes count as atext, as in Dovecot.
    static func isAtext(_ byte: UInt8) -> Bool {
        if byte >= 0x80 { return true }
        if byte <= 0x20 || byte == 0x7F { return false }
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "@"),
            UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "\\"), UInt8(ascii: "\""),
            UInt8(ascii: "."), UInt8(ascii: "["), UInt8(ascii: "]"):
            return false
        default:
            return true
        }
    }

    /// RFC 2045 `token` characters: atext without the MIME tspecials `/`, `?` and `=`.
    static func isTokenChar(_ byte: UInt8) -> Bool {
        isAtext(byte) && byte != UInt8(ascii: "/") && byte != UInt8(ascii: "?") && byte != UInt8(ascii: "=")
    }

    // MARK: - White space and comments

    /// `CFWS`: skips white space, line ends and (nested) comments.
    @discardableResult
    mutating func skipWhitespace() -> Step {
        while position < data.count {
            let byte = data[position]
            if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
                position += 1
                continue
            }
            guard byte == UInt8(ascii: "(") else { break }
            if skipComment() == .failed { return .failed }
        }
        return state
    }

    /// `comment = "(" *([FWS] ccontent) [FWS] ")"`
    mutating func skipComment() -> Step {
        lastComment.removeAll(keepingCapacity: true)
        var level = 1
        position += 1
        var start = position
        while position < data.count {
            switch data[position] {
            case UInt8(ascii: "("):
                level += 1
            case UInt8(ascii: ")"):
                level -= 1
                if level == 0 {
                    lastComment += data[start..<position]
                    position += 1
                    return state
                }
            case 0x0A:
                var end = position
                if end > start, data[end - 1] == 0x0D { end -= 1 }
                lastComment += data[start..<end]
                start = position + 1
            case UInt8(ascii: "\\"):
                position += 1
                if position >= data.count { return .failed }
                lastComment += data[start..<(position - 1)]
                start = position
            default:
                break
            }
            position += 1
        }
        return .failed
    }

    // MARK: - Words

    /// `atom = [CFWS] 1*atext [CFWS]`
    mutating func parseAtom(into output: inout [UInt8]) -> Step {
        parseRun(into: &output) { RFC822Lexer.isAtext($0) }
    }

    /// An atom that may contain dots (`obs-phrase` words such as `Q.`).
    mutating func parseAtomOrDot(into output: inout [UInt8]) -> Step {
        parseRun(into: &output) { RFC822Lexer.isAtext($0) || $0 == UInt8(ascii: ".") }
    }

    /// RFC 2045 `token`, dots allowed.
    mutating func parseToken(into output: inout [UInt8]) -> Step {
        let start = position
        while position < data.count, RFC822Lexer.isTokenChar(data[position]) || data[position] == UInt8(ascii: ".") {
            position += 1
        }
        output += data[start..<position]
        return position < data.count ? skipWhitespace() : .end
    }

    private mutating func parseRun(into output: inout [UInt8], _ accept: (UInt8) -> Bool) -> Step {
        guard position < data.count, accept(data[position]) else { return .failed }
        let start = position
        position += 1
        while position < data.count, accept(data[position]) { position += 1 }
        output += data[start..<position]
        return position < data.count ? skipWhitespace() : .end
    }

    /// `dot-atom = [CFWS] dot-atom-text [CFWS]`, allowing white space around the dots (RFC 822).
    mutating func parseDotAtom(into output: inout [UInt8]) -> Step {
        guard position < data.count, RFC822Lexer.isAtext(data[position]) else { return .failed }
        var start = position
        position += 1
        while position < data.count {
            if RFC822Lexer.isAtext(data[position]) {
                position += 1
                continue
            }
            if start == position { return .failed }
            output += data[start..<position]
            let step = skipWhitespace()
            if step != .more { return step }
            guard data[position] == UInt8(ascii: ".") else { return .more }
            position += 1
            output.append(UInt8(ascii: "."))
            let afterDot = skipWhitespace()
            if afterDot != .more { return afterDot }
            start = position
        }
        output += data[start..<position]
        return .end
    }

    /// `quoted-string`: appends the unescaped content, line ends of folding removed.
    mutating func parseQuotedString(into output: inout [UInt8]) -> Step {
        position += 1
        var start = position
        while position < data.count {
            switch data[position] {
            case UInt8(ascii: "\""):
                output += data[start..<position]
                position += 1
                return skipWhitespace()
            case 0:
                // NUL is not allowed; it becomes U+FFFD (Dovecot's nul_replacement_str).
                output += data[start..<position]
                output += HeaderText.replacementCharacter
                start = position + 1
            case 0x0A:
                var end = position
                if end > start, data[end - 1] == 0x0D { end -= 1 }
                output += data[start..<end]
                start = position + 1
            case UInt8(ascii: "\\"):
                position += 1
                if position >= data.count { return .failed }
                output += data[start..<(position - 1)]
                start = position
            default:
                break
            }
            position += 1
        }
        return .failed
    }

    /// `phrase = 1*word / obs-phrase`: words joined by one space.
    mutating func parsePhrase(into output: inout [UInt8]) -> Step {
        guard position < data.count else { return .end }
        if data[position] == UInt8(ascii: ".") { return .failed }
        while true {
            let step: Step
            if data[position] == UInt8(ascii: "\"") {
                step = parseQuotedString(into: &output)
            } else {
                step = parseAtomOrDot(into: &output)
            }
            if step != .more { return step }
            let next = data[position]
            if !RFC822Lexer.isAtext(next) && next != UInt8(ascii: "\"") && next != UInt8(ascii: ".") { break }
            output.append(0x20)
        }
        return skipWhitespace()
    }

    /// `domain = dot-atom / domain-literal / obs-domain`, starting at the `@`.
    mutating func parseDomain(into output: inout [UInt8]) -> Step {
        position += 1
        if skipWhitespace() != .more { return .failed }
        if data[position] == UInt8(ascii: "[") { return parseDomainLiteral(into: &output) }
        return parseDotAtom(into: &output)
    }

    /// `domain-literal = [CFWS] "[" *([FWS] dtext) [FWS] "]" [CFWS]`, kept with its brackets.
    mutating func parseDomainLiteral(into output: inout [UInt8]) -> Step {
        let start = position
        while position < data.count {
            if data[position] == UInt8(ascii: "\\") {
                position += 1
                if position >= data.count { break }
            } else if data[position] == UInt8(ascii: "]") {
                position += 1
                // NUL is not allowed; it becomes U+FFFD as in quoted strings.
                output += HeaderText.replacingNUL(Array(data[start..<position]))
                return skipWhitespace()
            }
            position += 1
        }
        return .failed
    }
}
