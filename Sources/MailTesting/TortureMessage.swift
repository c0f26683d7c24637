/// The messages the storage crash test writes: each one a function of a seed and a counter, so
/// the test can regenerate what a killed writer was told it saved and compare byte for byte.
public enum TortureMessage {
    /// A message of 200 bytes to about 32 KB, with bare-LF and CRLF lines and binary-looking bytes.
    public static func make(seed: UInt64, counter: UInt64) -> [UInt8] {
        var generator = SplitMix64(state: seed &* 0x9E37_79B9_7F4A_7C15 &+ counter)
        let size = 200 + Int(generator.next() % 32_000)
        var bytes = Array("X-Torture: \(seed) \(counter)\r\nSubject: torture \(counter)\r\n\r\n".utf8)
        bytes.reserveCapacity(bytes.count + size)
        let header = bytes.count
        bytes += [UInt8](repeating: 0, count: max(0, size - header))
        bytes.withUnsafeMutableBufferPointer { buffer in
            for index in header..<buffer.count {
                let byte = UInt8(truncatingIfNeeded: generator.next())
                buffer[index] = byte % 23 == 0 ? 0x0A : (byte < 0x20 ? byte | 0x40 : byte)
            }
        }
        return bytes
    }

    /// The seed and counter a message was made from, read back from its first line.
    public static func origin(of message: [UInt8]) -> (seed: UInt64, counter: UInt64)? {
        guard let end = message.firstIndex(of: 0x0D) else { return nil }
        let fields = String(decoding: message[..<end], as: UTF8.self).split(separator: " ")
        guard fields.count == 3, fields[0] == "X-Torture:", let seed = UInt64(fields[1]), let counter = UInt64(fields[2]) else {
            return nil
        }
        return (seed, counter)
    }
}

/// A small fast pseudo-random generator (SplitMix64), reproducible from its seed.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64

    public init(state: UInt64) {
        self.state = state
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
