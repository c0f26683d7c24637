import struct NIOCore.ByteBuffer

/// A set of messages (RFC 9051 §9 `sequence-set`): ranges, or `$`, the result saved by the last
/// `SEARCH RETURN (SAVE)` (RFC 5182 SEARCHRES).
public enum SequenceSet: Hashable, Sendable {
    case ranges([SequenceRange])
    case lastCommand

    /// A set of plain numbers and ranges.
    public static func numbers(_ ranges: ClosedRange<UInt32>...) -> SequenceSet {
        .ranges(ranges.map(SequenceRange.init))
    }

    /// `1:*`.
    public static let all = SequenceSet.ranges([SequenceRange(.number(1), .star)])
}

// MARK: - Encoding

extension EncodeBuffer {
    public mutating func writeSequenceNumber(_ number: SequenceNumber) {
        switch number {
        case .number(let value): writeNumber(value)
        case .star: writeRaw("*")
        }
    }

    public mutating func writeSequenceRange(_ range: SequenceRange) {
        writeSequenceNumber(range.first)
        if range.first != range.last {
            writeRaw(":")
            writeSequenceNumber(range.last)
        }
    }

    public mutating func writeSequenceSet(_ set: SequenceSet) {
        switch set {
        case .lastCommand:
            writeRaw("$")
        case .ranges(let ranges):
            var first = true
            for range in ranges {
                if !first { writeRaw(",") }
                first = false
                writeSequenceRange(range)
            }
        }
    }
}
