import NIOCore

@testable import SMTPGrammar

/// Ways to cut an input into pieces, so every resumable decoder sees every kind of split.
enum Splits {
    /// Whole, byte by byte, fixed sizes 2, 3 and 7, and five seeded random splits.
    static func of(_ bytes: [UInt8]) -> [[[UInt8]]] {
        var result = [[bytes], fixed(bytes, 1), fixed(bytes, 2), fixed(bytes, 3), fixed(bytes, 7)]
        for seed in 1...5 {
            var generator = SplitMix64(seed: UInt64(seed))
            var pieces: [[UInt8]] = []
            var index = 0
            while index < bytes.count {
                let length = Int.random(in: 1...max(1, min(16, bytes.count - index)), using: &generator)
                pieces.append(Array(bytes[index..<index + length]))
                index += length
            }
            result.append(pieces)
        }
        return result
    }

    private static func fixed(_ bytes: [UInt8], _ size: Int) -> [[UInt8]] {
        stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
    }
}

/// A small deterministic generator for reproducible random splits.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { self.state = seed }
    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Array where Element == UInt8 {
    init(_ string: String) { self = Array(string.utf8) }
}

extension String {
    /// Shows CR, LF and NUL as pictures so table rows read well in test names.
    var visible: String {
        var output = ""
        for scalar in self.unicodeScalars {
            switch scalar {
            case "\r": output += "␍"
            case "\n": output += "␊"
            case "\0": output += "␀"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output.count > 60 ? String(output.prefix(57)) + "…" : output
    }
}

/// Runs the DATA decoder over pieces; returns the content, the summary (nil if no end) and what is
/// left after the terminator.
func decodeData(
    _ pieces: [[UInt8]],
    maximumSize: Int = SMTPDefaults.maximumMessageSize,
    policy: SMTPDataDecoder.BareLineEndingPolicy = .reject
) -> (content: [UInt8], summary: SMTPDataDecoder.Summary?, rest: [UInt8]) {
    var decoder = SMTPDataDecoder(maximumSize: maximumSize, bareLineEndingPolicy: policy)
    var buffer = ByteBuffer()
    var content: [UInt8] = []
    for (index, piece) in pieces.enumerated() {
        buffer.writeBytes(piece)
        while let event = decoder.next(&buffer) {
            switch event {
            case .content(let bytes):
                content += Array(bytes.readableBytesView)
            case .end(let summary):
                return (content, summary, Array(buffer.readableBytesView) + pieces[(index + 1)...].flatMap { $0 })
            }
        }
    }
    return (content, nil, Array(buffer.readableBytesView))
}
