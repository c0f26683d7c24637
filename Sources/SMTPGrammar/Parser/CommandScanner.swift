/// A cursor over one command line's bytes (line end already removed), with the character classes of
/// RFC 5321 §4.1.2 and RFC 5234.
struct CommandScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { self.index >= self.bytes.count }
    var peek: UInt8? { self.isAtEnd ? nil : self.bytes[self.index] }

    /// Consumes `byte` if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard self.peek == byte else { return false }
        self.index += 1
        return true
    }

    /// Consumes `text` (ASCII) if it is next, ignoring case (RFC 5234 §2.3: literal strings are
    /// case-insensitive).
    mutating func consume(caseInsensitive text: String) -> Bool {
        let expected = Array(text.utf8)
        guard self.bytes.count - self.index >= expected.count else { return false }
        for (offset, byte) in expected.enumerated()
        where Self.lowercased(self.bytes[self.index + offset]) != Self.lowercased(byte) {
            return false
        }
        self.index += expected.count
        return true
    }

    /// Consumes bytes while `predicate` holds and returns them.
    mutating func take(while predicate: (UInt8) -> Bool) -> ArraySlice<UInt8> {
        let start = self.index
        while let byte = self.peek, predicate(byte) { self.index += 1 }
        return self.bytes[start..<self.index]
    }

    /// The rest of the line, consumed.
    mutating func takeRest() -> ArraySlice<UInt8> {
        defer { self.index = self.bytes.count }
        return self.bytes[self.index...]
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    static func isAlpha(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// `atext` of RFC 5322 §3.2.3 as used by RFC 5321 §4.1.2, plus UTF-8 octets (RFC 6531 §3.3
    /// `atext =/ UTF8-non-ascii`; whether they are allowed is checked by the caller).
    static func isAtext(_ byte: UInt8) -> Bool {
        if byte >= 0x80 || isAlpha(byte) || isDigit(byte) { return true }
        return Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
    }

    /// A printable US-ASCII character, `%d33-126` (VCHAR).
    static func isVisible(_ byte: UInt8) -> Bool { (33...126).contains(byte) }

    /// `esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")` body characters.
    static func isKeywordCharacter(_ byte: UInt8) -> Bool {
        isAlpha(byte) || isDigit(byte) || byte == UInt8(ascii: "-")
    }

    /// `esmtp-value = 1*(%d33-60 / %d62-126)`: any VCHAR except "=".
    static func isValueCharacter(_ byte: UInt8) -> Bool { isVisible(byte) && byte != UInt8(ascii: "=") }
}
