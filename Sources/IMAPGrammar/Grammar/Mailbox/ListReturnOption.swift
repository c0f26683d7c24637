import struct NIOCore.ByteBuffer

/// `return-option` (RFC 5258 §6, RFC 5819 LIST-STATUS, RFC 6154).
public enum ListReturnOption: Hashable, Sendable {
    case subscribed
    case children
    case specialUse
    case status([StatusAttribute])
    case other(String)
}
