import struct NIOCore.ByteBuffer

/// One end of a sequence range: a message number or UID, or `*` (the largest in use).
public enum SequenceNumber: Hashable, Sendable {
    case number(UInt32)
    case star
}

/// `seq-range = seq-number ":" seq-number`, or a single `seq-number` when both ends are equal.
public struct SequenceRange: Hashable, Sendable {
    public var first: SequenceNumber
    public var last: SequenceNumber

    public init(_ first: SequenceNumber, _ last: SequenceNumber) {
        self.first = first
        self.last = last
    }

    public init(_ single: SequenceNumber) {
        self.init(single, single)
    }

    public init(_ range: ClosedRange<UInt32>) {
        self.init(.number(range.lowerBound), .number(range.upperBound))
    }

    /// The range's bounds once `*` is replaced by `largest`, lowest first (RFC 9051 §9: `4:2` is `2:4`).
    public func resolved(largest: UInt32) -> ClosedRange<UInt32> {
        func value(_ number: SequenceNumber) -> UInt32 {
            switch number {
            case .number(let value): return value
            case .star: return largest
            }
        }
        let (a, b) = (value(first), value(last))
        return min(a, b)...max(a, b)
    }
}

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

extension ResponseEncodeBuffer {
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
