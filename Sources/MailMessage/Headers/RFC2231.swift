/// RFC 2231 parameter value continuations and charsets.
enum RFC2231 {
    /// Splits `name*`, `name*3` or `name*3*` into its parts; `nil` for a plain name.
    static func splitKey(_ bytes: [UInt8]) -> (name: [UInt8], index: Int, extended: Bool)? {
        guard let star = bytes.firstIndex(of: UInt8(ascii: "*")) else { return nil }
        var position = star + 1
        var index = 0
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
            index = min(index &* 10 &+ Int(bytes[position] - 0x30), 1_000_000)
            position += 1
        }
        // "name*" alone is an extended value without continuations.
        var extended = position == star + 1
        if !extended, position < bytes.count, bytes[position] == UInt8(ascii: "*") {
            extended = true
            position += 1
        }
        guard position == bytes.count else { return nil }
        return (Array(bytes[..<star]), index, extended)
    }

    /// Merges continuation pieces into one parameter per name, as Dovecot's `rfc2231_parse` does:
    /// sorted by name then index; with a gap in the indexes the pieces are kept unmerged.
    static func merge(
        _ pieces: [(key: [UInt8], index: Int, extended: Bool, value: [UInt8], order: Int)]
    ) -> [MIMEParameters.Parameter] {
        let sorted = pieces.sorted {
            let left = lowercased($0.key)
            let right = lowercased($1.key)
            if left != right { return left.lexicographicallyPrecedes(right) }
            if $0.index != $1.index { return $0.index < $1.index }
            return $0.order < $1.order
        }
        var result: [MIMEParameters.Parameter] = []
        var start = 0
        while start < sorted.count {
            var end = start
            var contiguous = true
            var haveExtended = false
            let name = lowercased(sorted[start].key)
            while end < sorted.count, lowercased(sorted[end].key) == name {
                if sorted[end].index != end - start { contiguous = false }
                if sorted[end].extended { haveExtended = true }
                end += 1
            }
            if contiguous {
                var value: [UInt8] = []
                if !sorted[start].extended && haveExtended { value += Array("''".utf8) }
                for piece in sorted[start..<end] {
                    value += (!piece.extended && haveExtended) ? escape(piece.value) : piece.value
                }
                result.append(.init(rawName: sorted[start].key + (haveExtended ? [UInt8(ascii: "*")] : []), rawValue: value))
            } else {
                for piece in sorted[start..<end] {
                    let suffix = "*\(piece.index)" + (piece.extended ? "*" : "")
                    result.append(.init(rawName: piece.key + Array(suffix.utf8), rawValue: piece.value))
                }
            }
            start = end
        }
        return result
    }

    private static func lowercased(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }

    /// Percent-encodes what may not stand in an extended value.
    private static func escape(_ value: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for byte in value {
            if byte == UInt8(ascii: "%") || byte < 0x20 || byte >= 0x7F {
                out += Array("%".utf8) + hexDigits(byte)
            } else {
                out.append(byte)
            }
        }
        return out
    }

    private static func hexDigits(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }

    /// Decodes `charset'language'percent-encoded` (RFC 2231 §4) to Unicode; an unknown charset
    /// degrades to UTF-8 with replacement characters.
    static func decodeExtendedValue(_ value: String) -> String {
        let bytes = Array(value.utf8)
        let quotes = bytes.indices.filter { bytes[$0] == UInt8(ascii: "'") }
        guard quotes.count >= 2 else { return String(decoding: percentDecode(bytes[...]), as: UTF8.self) }
        let charset = String(decoding: bytes[..<quotes[0]], as: UTF8.self)
        let raw = percentDecode(bytes[(quotes[1] + 1)...])
        return Charset.decode(raw, charset: charset.isEmpty ? "us-ascii" : charset)
    }

    static func percentDecode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
