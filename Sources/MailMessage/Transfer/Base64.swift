/// Base64 (RFC 2045 §6.8): a tolerant streaming decoder and an encoder.
public enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    /// 0...63 for alphabet bytes, 0xFE for '=', 0xFF for anything else.
    static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        table[Int(UInt8(ascii: "="))] = 0xFE
        return table
    }()

    /// Decodes base64 tolerantly: bytes outside the alphabet (line ends, spaces, junk) are skipped,
    /// decoding stops at padding, and a trailing partial group is decoded as far as it goes.
    public static func decode<Bytes: Sequence>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var decoder = Base64Decoder()
        var out: [UInt8] = []
        decoder.decode(bytes, into: &out)
        return out
    }

    /// Decodes base64 strictly (for RFC 2047 `B` words): only alphabet bytes and final padding.
    /// - Returns: `nil` if a byte is outside the alphabet or the length is impossible.
    static func decodeStrict<Bytes: Collection>(_ bytes: Bytes) -> [UInt8]? where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        var accumulator: UInt32 = 0
        var bits = 0
        var sawPadding = false
        for byte in bytes {
            let value = table[Int(byte)]
            if value == 0xFE {
                sawPadding = true
                continue
            }
            if value == 0xFF || sawPadding { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        if bits >= 6 { return nil }
        return out
    }

    /// Encodes bytes as base64 lines of at most `lineLength` characters separated by CRLF.
    /// - Parameters:
    ///   - bytes: The data.
    ///   - lineLength: Characters per line (a multiple of 4; 76 per RFC 2045), or 0 for one line.
    public static func encode(_ bytes: [UInt8], lineLength: Int = 76) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 4 / 3 + bytes.count / 38 + 4)
        var column = 0
        var index = 0
        while index < bytes.count {
            let b0 = UInt32(bytes[index])
            let b1 = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? UInt32(bytes[index + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            if lineLength > 0, column >= lineLength {
                out += [0x0D, 0x0A]
                column = 0
            }
            out.append(alphabet[Int(group >> 18 & 63)])
            out.append(alphabet[Int(group >> 12 & 63)])
            out.append(index + 1 < bytes.count ? alphabet[Int(group >> 6 & 63)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(group & 63)] : UInt8(ascii: "="))
            column += 4
            index += 3
        }
        return out
    }
}

/// A streaming base64 decoder: feed chunks in any split, get the same bytes.
public struct Base64Decoder: Sendable {
    private var accumulator: UInt32 = 0
    private var bits = 0
    private var finished = false

    /// Creates a decoder.
    public init() {}

    /// Decodes one chunk, appending to `output`.
    public mutating func decode<Bytes: Sequence>(_ chunk: Bytes, into output: inout [UInt8]) where Bytes.Element == UInt8 {
        guard !finished else { return }
        for byte in chunk {
            let value = Base64.table[Int(byte)]
            if value == 0xFF { continue }
            if value == 0xFE {
                finished = true
                return
            }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
    }
}
