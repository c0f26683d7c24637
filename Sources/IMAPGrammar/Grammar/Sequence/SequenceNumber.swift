import struct NIOCore.ByteBuffer

/// One end of a sequence range: a message number or UID, or `*` (the largest in use).
public enum SequenceNumber: Hashable, Sendable {
    case number(UInt32)
    case star
}
