/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in unstructured header text, plus the broken
/// forms real mail has: no white space between adjacent words, white space or `?` inside
/// Q-encoded text, multibyte characters split across adjacent words, unknown charsets (decoded as
/// UTF-8 with replacements), and invalid words (kept as written).
public enum EncodedWords {
    /// Decodes a header value (already unfolded) to Unicode.
    /// - Parameter value: Raw header bytes; bytes outside encoded words are taken as UTF-8.
    /// - Returns: The decoded text; white space between two adjacent encoded words is dropped (RFC 2047 §6.2).
    public static func decode(_ value: [UInt8]) -> String {
        let value = HeaderText.replacingNUL(value)
        guard value.count >= 8, containsMarker(value) else { return String(decoding: value, as: UTF8.self) }
        var result = ""
        var plainStart = 0
        var index = 0
        // Pending decoded bytes of adjacent words in one charset, joined before charset decoding.
        var pending: (charset: String, bytes: [UInt8])? = nil
        func flushPending() {
            if let current = pending { result += Charset.decode(current.bytes, charset: current.charset) }
            pending = nil
        }
        while index + 1 < value.count {
            guard value[index] == UInt8(ascii: "="), value[index + 1] == UInt8(ascii: "?"),
                let word = parseWord(value, at: index)
            else {
                index += 1
                continue
            }
            let between = value[plainStart..<index]
            let onlySpace = between.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            if !(onlySpace && pending != nil) {
                flushPending()
                result += String(decoding: between, as: UTF8.self)
            }
            if let current = pending, current.charset.lowercasedASCII() == word.charset.lowercasedASCII() {
                pending = (current.charset, current.bytes + word.bytes)
            } else {
                flushPending()
                pending = (word.charset, word.bytes)
            }
            index = word.end
            plainStart = index
        }
        flushPending()
        result += String(decoding: value[plainStart...], as: UTF8.self)
        return result
    }

    private static func containsMarker(_ value: [UInt8]) -> Bool {
        for index in 0..<(value.count - 1) where value[index] == UInt8(ascii: "=") && value[index + 1] == UInt8(ascii: "?") {
            return true
        }
        return false
    }

    /// Bounds that keep decoding linear on hostile input (RFC 2047 §2 allows 75 characters per word;
    /// broken mailers write longer ones, so the bound is generous).
    static let maximumWordLength = 4096
    static let maximumCharsetLength = 64

    /// Parses one encoded word at `start` (`=?`); `nil` if it is not one.
    private static func parseWord(_ value: [UInt8], at start: Int) -> (charset: String, bytes: [UInt8], end: Int)? {
        var index = start + 2
        let charsetStart = index
        while index < value.count, value[index] != UInt8(ascii: "?") {
            let byte = value[index]
            if byte <= 0x20 || byte >= 0x7F || index - charsetStart > maximumCharsetLength { return nil }
            index += 1
        }
        guard index + 3 < value.count, index > charsetStart else { return nil }
        var charsetBytes = value[charsetStart..<index]
        if let star = charsetBytes.firstIndex(of: UInt8(ascii: "*")) { charsetBytes = charsetBytes[..<star] }  // RFC 2231 §5 language
        let encoding = value[index + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q"), value[index + 2] == UInt8(ascii: "?")
        else { return nil }
        let textStart = index + 3
        // The word ends at the first "?=" (Q text may not contain "?=" anyway).
        var end = textStart
        while end + 1 < value.count, !(value[end] == UInt8(ascii: "?") && value[end + 1] == UInt8(ascii: "=")) {
            if value[end] == 0x0A || value[end] == 0x0D || end - textStart > maximumWordLength { return nil }
            end += 1
        }
        guard end + 1 < value.count else { return nil }
        let text = value[textStart..<end]
        let decoded: [UInt8]
        if encoding == UInt8(ascii: "b") {
            guard let bytes = Base64.decodeStrict(text.filter { $0 != 0x20 && $0 != 0x09 }) else { return nil }
            decoded = bytes
        } else {
            decoded = QuotedPrintable.decode(text, headerMode: true)
        }
        return (String(decoding: charsetBytes, as: UTF8.self), decoded, end + 2)
    }
}
