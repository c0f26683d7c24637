/// The "encoded-character" extension (RFC 5228 §2.4.2.4): `${hex: 41 42}` stands for the octets
/// 0x41 0x42 (read as UTF-8), `${unicode: 263A}` for the character U+263A. Names are
/// case-insensitive; a sequence that is not well formed stays as written.
enum EncodedCharacters {
    /// Decodes every encoded sequence in `text`.
    /// - Throws: a message when a `${unicode:…}` value is a surrogate or beyond U+10FFFF.
    static func decode(_ text: String) throws(EncodedCharacterError) -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.firstRange(of: "${") {
            result += rest[..<start.lowerBound]
            let body = rest[start.upperBound...]
            guard let end = body.firstIndex(of: "}"), let colon = body[..<end].firstIndex(of: ":") else {
                result += "${"
                rest = body
                continue
            }
            let kind = body[..<colon].lowercased()
            let values = body[body.index(after: colon)..<end].split(whereSeparator: { $0 == " " || $0 == "\t" })
            if kind == "hex", let bytes = hexBytes(values) {
                result += String(decoding: bytes, as: UTF8.self)
            } else if kind == "unicode", let scalars = try unicodeScalars(values) {
                result.unicodeScalars.append(contentsOf: scalars)
            } else {
                result += rest[start.lowerBound...end]
            }
            rest = body[body.index(after: end)...]
        }
        return result + rest
    }

    private static func hexBytes(_ values: [Substring]) -> [UInt8]? {
        var bytes: [UInt8] = []
        for value in values {
            guard value.count <= 2, let byte = UInt8(value, radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    private static func unicodeScalars(_ values: [Substring]) throws(EncodedCharacterError) -> [Unicode.Scalar]? {
        var scalars: [Unicode.Scalar] = []
        for value in values {
            guard value.count <= 8, let number = UInt32(value, radix: 16) else { return nil }
            guard let scalar = Unicode.Scalar(number) else {
                throw EncodedCharacterError(value: String(value))
            }
            scalars.append(scalar)
        }
        return scalars
    }
}

/// A `${unicode:…}` value that is no Unicode character.
struct EncodedCharacterError: Error {
    var value: String
}
