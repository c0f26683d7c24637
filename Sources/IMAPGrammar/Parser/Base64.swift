import struct NIOCore.ByteBuffer

/// Standard base64 (RFC 4648 §4), as used by SASL exchanges (RFC 9051 §6.2.2).
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let table: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(index) }
        return table
    }()

    /// Decodes padded base64; nil for a bad length, a bad character, padding in the wrong place or
    /// non-zero pad bits.
    public static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        let bytes = Array(text)
        guard bytes.count % 4 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 4 * 3)
        var index = 0
        while index < bytes.count {
            let isLast = index + 4 == bytes.count
            var values: [UInt32] = []
            var padding = 0
            for offset in 0..<4 {
                let byte = bytes[index + offset]
                if byte == UInt8(ascii: "=") {
                    guard isLast, offset >= 2 else { return nil }
                    padding += 1
                    values.append(0)
                } else {
                    guard padding == 0 else { return nil }
                    let value = table[Int(byte)]
                    guard value >= 0 else { return nil }
                    values.append(UInt32(value))
                }
            }
            let group = values[0] << 18 | values[1] << 12 | values[2] << 6 | values[3]
            output.append(UInt8(group >> 16))
            if padding < 2 { output.append(UInt8(group >> 8 & 0xFF)) } else if group & 0xFFFF != 0 { return nil }
            if padding < 1 { output.append(UInt8(group & 0xFF)) } else if group & 0xFF != 0 { return nil }
            index += 4
        }
        return output
    }

    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var output: [UInt8] = []
        var index = 0
        while index < input.count {
            let b0 = input[index]
            let b1 = index + 1 < input.count ? input[index + 1] : 0
            let b2 = index + 2 < input.count ? input[index + 2] : 0
            output.append(alphabet[Int(b0 >> 2)])
            output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            output.append(index + 1 < input.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            output.append(index + 2 < input.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
