import struct NIOCore.ByteBuffer

/// `fetch-modifier` (RFC 7162 §3.1.4, §3.2.6).
public enum FetchModifier: Hashable, Sendable {
    case changedSince(UInt64)
    case vanished
}
