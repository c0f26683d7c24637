import struct NIOCore.ByteBuffer

/// `search-return-opt` (RFC 4731 ESEARCH, RFC 5182 SAVE).
public enum SearchReturnOption: Hashable, Sendable {
    case min
    case max
    case all
    case count
    case save
    case other(String)
}
