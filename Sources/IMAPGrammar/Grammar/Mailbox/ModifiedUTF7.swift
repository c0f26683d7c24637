import struct NIOCore.ByteBuffer

/// Modified UTF-7, the 7-bit form of mailbox names (RFC 3501 §5.1.3).
///
/// Printable US-ASCII except `&` stands for itself, `&` is `&-`, and everything else is UTF-16BE
/// in modified base64 (`,` for `/`, no padding) between `&` and `-`.
public enum ModifiedUTF7 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    private static let decodeTable: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(index) }
        return table
    }()

    /// Encodes a Unicode name.
    public static func encode(_ name: String) -> String {
        var output: [UInt8] = []
        var pending: [UInt16] = []

        func flush() {
            guard !pending.isEmpty else { return }
            var bytes: [UInt8] = []
            for unit in pending {
                bytes.append(UInt8(unit >> 8))
                bytes.append(UInt8(unit & 0xFF))
            }
            output.append(UInt8(ascii: "&"))
            var index = 0
            while index < bytes.count {
                let b0 = bytes[index]
                let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
                let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
                output.append(alphabet[Int(b0 >> 2)])
                output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
                if index + 1 < bytes.count { output.append(alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)]) }
                if index + 2 < bytes.count { output.append(alphabet[Int(b2 & 0x3F)]) }
                index += 3
            }
            output.append(UInt8(ascii: "-"))
            pending.removeAll()
        }

        for scalar in name.unicodeScalars {
            if scalar.value >= 0x20, scalar.value <= 0x7E {
                flush()
                output.append(UInt8(scalar.value))
                if scalar == "&" { output.append(UInt8(ascii: "-")) }
            } else {
                pending.append(contentsOf: String(scalar).utf16)
            }
        }
        flush()
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes a modified UTF-7 name; nil when it is not valid (8-bit bytes, bad base64, an encoded
    /// printable character, unpaired surrogates, non-zero padding bits, or `&` never closed).
    public static func decode(_ bytes: some Collection<UInt8>) -> String? {
        var scalars = String.UnicodeScalarView()
        var iterator = Array(bytes)[...]
        while let byte = iterator.popFirst() {
            guard byte >= 0x20, byte <= 0x7E else { return nil }
            guard byte == UInt8(ascii: "&") else {
                scalars.append(Unicode.Scalar(byte))
                continue
            }
            var sextets: [UInt8] = []
            var closed = false
            while let next = iterator.popFirst() {
                if next == UInt8(ascii: "-") {
                    closed = true
                    break
                }
                let value = decodeTable[Int(next)]
                guard value >= 0 else { return nil }
                sextets.append(UInt8(value))
            }
            guard closed else { return nil }
            if sextets.isEmpty {
                scalars.append("&")
                continue
            }
            // Sextets to bytes.
            var bits: UInt32 = 0
            var bitCount = 0
            var data: [UInt8] = []
            for sextet in sextets {
                bits = bits << 6 | UInt32(sextet)
                bitCount += 6
                if bitCount >= 8 {
                    bitCount -= 8
                    data.append(UInt8(truncatingIfNeeded: bits >> UInt32(bitCount)))
                }
            }
            guard bitCount < 6, bits & ((1 << UInt32(bitCount)) - 1) == 0, data.count % 2 == 0 else { return nil }
            var units: [UInt16] = []
            for index in stride(from: 0, to: data.count, by: 2) {
                units.append(UInt16(data[index]) << 8 | UInt16(data[index + 1]))
            }
            var decoded = String.UnicodeScalarView()
            var utf16 = units.makeIterator()
            var decoder = UTF16()
            loop: while true {
                switch decoder.decode(&utf16) {
                case .scalarValue(let scalar):
                    // Printable US-ASCII must not be base64-encoded.
                    if scalar.value >= 0x20, scalar.value <= 0x7E { return nil }
                    decoded.append(scalar)
                case .emptyInput: break loop
                case .error: return nil
                }
            }
            scalars.append(contentsOf: decoded)
        }
        return String(scalars)
    }
}
