import struct NIOCore.ByteBuffer

/// The IMAP grammar (RFC 9051 §9, RFC 3501 §9 and extensions), as functions over a ``ParseBuffer``.
///
/// Split by topic into extensions (`GrammarParser+Search.swift`, …). Every function is headed by
/// the ABNF rule it implements. Functions throw ``IncompleteMessage`` when they need more bytes
/// and ``ParserError`` on bad syntax; composite rules restore the buffer when they fail.
enum GrammarParser {}

// MARK: - Character classes

extension GrammarParser {
    // CTL = %x00-1F / %x7F
    static func isCTL(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F }

    // atom-specials = "(" / ")" / "{" / SP / CTL / list-wildcards / quoted-specials / resp-specials
    // ATOM-CHAR     = <any CHAR except atom-specials>
    static func isAtomChar(_ byte: UInt8) -> Bool {
        guard byte < 0x80, !isCTL(byte) else { return false }
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: " "),
            UInt8(ascii: "%"), UInt8(ascii: "*"), UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "]"):
            return false
        default:
            return true
        }
    }

    // ASTRING-CHAR = ATOM-CHAR / resp-specials
    static func isAStringChar(_ byte: UInt8) -> Bool { isAtomChar(byte) || byte == UInt8(ascii: "]") }

    // list-char = ATOM-CHAR / list-wildcards / resp-specials
    static func isListChar(_ byte: UInt8) -> Bool {
        isAStringChar(byte) || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "*")
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}

// MARK: - Atoms, numbers, strings

extension GrammarParser {
    // atom = 1*ATOM-CHAR
    static func parseAtom(_ buffer: inout ParseBuffer) throws -> String {
        try buffer.readString(hint: "atom", while: isAtomChar)
    }

    // tag = 1*<any ASTRING-CHAR except "+">
    static func parseTag(_ buffer: inout ParseBuffer) throws -> String {
        try buffer.readString(hint: "tag") { isAStringChar($0) && $0 != UInt8(ascii: "+") }
    }

    // number = 1*DIGIT   ; unsigned 32-bit integer (0 <= n < 4,294,967,296)
    static func parseNumber(_ buffer: inout ParseBuffer) throws -> UInt32 {
        let value = try parseNumber64(&buffer)
        guard let number = UInt32(exactly: value) else { throw ParserError(hint: "number out of range") }
        return number
    }

    // nz-number = digit-nz *DIGIT  ; non-zero unsigned 32-bit integer
    static func parseNZNumber(_ buffer: inout ParseBuffer) throws -> UInt32 {
        try buffer.composite { buffer in
            let value = try parseNumber(&buffer)
            guard value > 0 else { throw ParserError(hint: "expected non-zero number") }
            return value
        }
    }

    // number64 = 1*DIGIT  ; unsigned 63-bit integer (0 <= n <= 9,223,372,036,854,775,807)
    static func parseNumber64(_ buffer: inout ParseBuffer) throws -> UInt64 {
        try buffer.composite { buffer in
            let digits = try buffer.read(maximum: 19, hint: "number", while: isDigit)
            var value: UInt64 = 0
            for digit in digits.readableBytesView {
                value = value * 10 + UInt64(digit - UInt8(ascii: "0"))
            }
            guard value <= IMAPDefaults.maximumNumber64 else { throw ParserError(hint: "number out of range") }
            return value
        }
    }

    // nz-number64 = digit-nz *DIGIT
    static func parseNZNumber64(_ buffer: inout ParseBuffer) throws -> UInt64 {
        try buffer.composite { buffer in
            let value = try parseNumber64(&buffer)
            guard value > 0 else { throw ParserError(hint: "expected non-zero number") }
            return value
        }
    }

    // quoted      = DQUOTE *QUOTED-CHAR DQUOTE
    // QUOTED-CHAR = <any TEXT-CHAR except quoted-specials> / "\" quoted-specials / UTF8-2 / UTF8-3 / UTF8-4
    static func parseQuoted(_ buffer: inout ParseBuffer) throws -> ByteBuffer {
        try buffer.composite { buffer in
            try buffer.expect(UInt8(ascii: "\""))
            var result = ByteBuffer()
            while true {
                let byte = try buffer.readByte()
                switch byte {
                case UInt8(ascii: "\""):
                    return result
                case UInt8(ascii: "\\"):
                    let escaped = try buffer.readByte()
                    guard escaped == UInt8(ascii: "\"") || escaped == UInt8(ascii: "\\") else {
                        throw ParserError(hint: "invalid escape in quoted string")
                    }
                    result.writeInteger(escaped)
                case 0, UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                    throw ParserError(hint: "invalid character in quoted string")
                default:
                    result.writeInteger(byte)
                }
            }
        }
    }

    // literal  = "{" number64 ["+"] "}" CRLF *CHAR8
    // literal8 = "~{" number64 ["+"] "}" CRLF *OCTET  ; RFC 3516 BINARY, RFC 4466 §2.3
    static func parseLiteral(_ buffer: inout ParseBuffer, allowBinary: Bool = false) throws -> (data: ByteBuffer, binary: Bool) {
        try buffer.composite { buffer in
            var binary = false
            if allowBinary, try buffer.peek() == UInt8(ascii: "~") {
                binary = true
                buffer.readerIndex += 1
            }
            try buffer.expect(UInt8(ascii: "{"))
            let size = try parseNumber64(&buffer)
            // literal8 takes "+" too under LITERAL+ (RFC 4466 §2.3).
            if try buffer.peek() == UInt8(ascii: "+") {
                buffer.readerIndex += 1
            }
            try buffer.expect(UInt8(ascii: "}"))
            try buffer.newline()
            let limit = allowBinary ? buffer.limits.maximumLiteralSize : min(buffer.limits.maximumLiteralSize, buffer.limits.maximumNonMessageLiteralSize)
            guard size <= limit else {
                throw LiteralTooLarge(size: size, limit: limit)
            }
            buffer.literalCount += 1
            guard buffer.literalCount <= buffer.limits.maximumLiteralsPerCommand else {
                throw ParserError(hint: "too many literals")
            }
            guard let data = buffer.bytes.readSlice(length: Int(size)) else { throw IncompleteMessage() }
            return (data, binary)
        }
    }

    // string = quoted / literal
    static func parseString(_ buffer: inout ParseBuffer) throws -> ByteBuffer {
        switch try buffer.peek() {
        case UInt8(ascii: "\""): return try parseQuoted(&buffer)
        case UInt8(ascii: "{"): return try parseLiteral(&buffer).data
        default: throw ParserError(hint: "expected string")
        }
    }

    // astring = 1*ASTRING-CHAR / string
    static func parseAString(_ buffer: inout ParseBuffer) throws -> ByteBuffer {
        switch try buffer.peek() {
        case UInt8(ascii: "\""), UInt8(ascii: "{"): return try parseString(&buffer)
        default: return try buffer.read(hint: "astring", while: isAStringChar)
        }
    }

    static func parseAStringText(_ buffer: inout ParseBuffer) throws -> String {
        String(buffer: try parseAString(&buffer))
    }

    // nstring = string / nil
    // nil     = "NIL"
    static func parseNString(_ buffer: inout ParseBuffer) throws -> ByteBuffer? {
        if try parseNil(&buffer) { return nil }
        return try parseString(&buffer)
    }

    static func parseNil(_ buffer: inout ParseBuffer) throws -> Bool {
        try buffer.composite { buffer in
            guard try buffer.tryWord("NIL") else { return false }
            // "NIL" must not be the prefix of a longer atom.
            if isAtomChar(try buffer.peek()) {
                buffer.readerIndex -= 3
                return false
            }
            return true
        }
    }

    // charset = atom / quoted
    // Read as an astring, as Dovecot does: a client sending a literal or an astring-only character
    // gets `NO [BADCHARSET]` for an unknown charset rather than a syntax error.
    static func parseCharset(_ buffer: inout ParseBuffer) throws -> String {
        try parseAStringText(&buffer)
    }

    /// A keyword made of letters, digits, `-`, `.` and `=`: command names, search keys, fetch
    /// attribute names. Returns it upper-cased.
    static func parseKeyword(_ buffer: inout ParseBuffer) throws -> String {
        let word = try buffer.read(hint: "keyword") { byte in
            let upper = asciiUpper(byte)
            return (upper >= UInt8(ascii: "A") && upper <= UInt8(ascii: "Z")) || isDigit(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "=")
                || byte == UInt8(ascii: "_")
        }
        return String(decoding: word.readableBytesView.map(asciiUpper), as: UTF8.self)
    }
}
