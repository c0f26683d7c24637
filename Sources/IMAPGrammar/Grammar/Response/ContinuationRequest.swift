import struct NIOCore.ByteBuffer

/// The text of a continuation request, or SASL challenge data sent as base64.
public enum ContinuationRequest: Hashable, Sendable {
    case text(String)
    case data([UInt8])
}
