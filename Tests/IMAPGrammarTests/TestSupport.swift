import NIOCore
import Testing

@testable import IMAPGrammar

/// A deterministic random number generator (SplitMix64) so split tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Array where Element == UInt8 {
    init(wire: String) { self = Array(wire.utf8) }
}

/// Chunk sizes: the whole input, byte by byte, and `randomRuns` random splits.
func chunkings(count: Int, randomRuns: Int = 5, seed: UInt64 = 42) -> [[Int]] {
    var result: [[Int]] = [[count], Array(repeating: 1, count: count)]
    var generator = SplitMix64(seed: seed &+ UInt64(count))
    for _ in 0..<randomRuns {
        var sizes: [Int] = []
        var left = count
        while left > 0 {
            let size = Int.random(in: 1...Swift.max(1, Swift.min(left, 17)), using: &generator)
            sizes.append(size)
            left -= size
        }
        result.append(sizes)
    }
    return result
}

/// Feeds `bytes` to a fresh parser in the given chunks and returns all events, draining after each chunk.
func commandEvents(
    _ bytes: [UInt8],
    chunks: [Int],
    limits: IMAPLimits = IMAPLimits(),
    options: ParserOptions = ParserOptions(),
    mode: CommandParser.Mode = .command
) -> [CommandParser.Event] {
    var parser = CommandParser(limits: limits, options: options)
    parser.mode = mode
    var events: [CommandParser.Event] = []
    var offset = 0
    for size in chunks {
        parser.append(ByteBuffer(bytes: bytes[offset..<offset + size]))
        offset += size
        while let event = parser.nextEvent() { events.append(event) }
    }
    return events
}

/// Prints control characters as pictures so test names stay on one line.
func printable(_ bytes: [UInt8]) -> String {
    let text = String(decoding: bytes.prefix(80), as: UTF8.self)
    let pictured = String(text.unicodeScalars.map { scalar -> Character in
        switch scalar.value {
        case 0x0D: return "␍"
        case 0x0A: return "␊"
        case 0x00: return "␀"
        case 0..<0x20: return "�"
        default: return Character(scalar)
        }
    })
    return bytes.count > 80 ? pictured + "…(\(bytes.count) bytes)" : pictured
}
