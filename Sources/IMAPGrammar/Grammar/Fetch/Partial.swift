import struct NIOCore.ByteBuffer

/// `partial = "<" number64 "." nz-number64 ">"`: a byte range of a section.
public struct Partial: Hashable, Sendable {
    public var offset: UInt64
    public var length: UInt64

    public init(offset: UInt64, length: UInt64) {
        self.offset = offset
        self.length = length
    }
}
