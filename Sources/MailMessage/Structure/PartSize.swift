import Glibc

/// Sizes of a byte range as IMAP reports them.
public struct PartSize: Sendable, Hashable {
    /// Bytes as stored.
    public var physicalSize: Int
    /// Bytes with every LF not preceded by CR counted as CRLF (RFC 3501 sizes are of the CRLF form).
    public var virtualSize: Int
    /// Number of LFs (the "lines" of BODYSTRUCTURE).
    public var lines: Int

    /// Measures a range of bytes.
    /// - Parameters:
    ///   - bytes: The message.
    ///   - range: The range to measure.
    public static func measure(_ bytes: [UInt8], _ range: Range<Int>) -> PartSize {
        bytes.withUnsafeBufferPointer { buffer in
            var lines = 0
            var bare = 0
            guard let base = buffer.baseAddress, !range.isEmpty else {
                return PartSize(physicalSize: 0, virtualSize: 0, lines: 0)
            }
            var position = range.lowerBound
            while position < range.upperBound {
                guard let found = memchr(base + position, 0x0A, range.upperBound - position) else { break }
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                lines += 1
                if index == range.lowerBound || base[index - 1] != 0x0D { bare += 1 }
                position = index + 1
            }
            return PartSize(physicalSize: range.count, virtualSize: range.count + bare, lines: lines)
        }
    }
}
