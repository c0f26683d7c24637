/// Small transformations of raw header values.
enum HeaderText {
    /// UTF-8 of U+FFFD, which replaces NUL bytes in header values (as Dovecot does).
    static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Removes the line ends of folding (RFC 5322 §2.2.3); the white space that follows them stays.
    static func unfold(_ value: [UInt8]) -> [UInt8] {
        guard value.contains(0x0A) || value.contains(0x0D) else { return value }
        return value.filter { $0 != 0x0A && $0 != 0x0D }
    }

    /// Replaces NUL bytes with U+FFFD.
    static func replacingNUL(_ value: [UInt8]) -> [UInt8] {
        guard value.contains(0) else { return value }
        var out: [UInt8] = []
        out.reserveCapacity(value.count + 4)
        for byte in value {
            if byte == 0 { out += replacementCharacter } else { out.append(byte) }
        }
        return out
    }

    /// Replaces each byte that does not start a valid UTF-8 sequence with U+FFFD (as doveadm's JSON output does).
    static func sanitizedUTF8(_ value: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(value.count)
        var index = 0
        while index < value.count {
            let length = validSequenceLength(value, at: index)
            if length > 0 {
                out += value[index..<(index + length)]
                index += length
            } else {
                out += replacementCharacter
                index += 1
            }
        }
        return out
    }

    /// Length of the valid UTF-8 sequence at `index`, or 0.
    static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        let length: Int
        var minimum: UInt32
        var scalar: UInt32
        switch lead {
        case 0xC2...0xDF:
            length = 2
            minimum = 0x80
            scalar = UInt32(lead & 0x1F)
        case 0xE0...0xEF:
            length = 3
            minimum = 0x800
            scalar = UInt32(lead & 0x0F)
        case 0xF0...0xF4:
            length = 4
            minimum = 0x10000
            scalar = UInt32(lead & 0x07)
        default:
            return 0
        }
        guard index + length <= bytes.count else { return 0 }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return 0 }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        if scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) { return 0 }
        return length
    }
}
