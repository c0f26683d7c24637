import struct NIOCore.ByteBuffer

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
