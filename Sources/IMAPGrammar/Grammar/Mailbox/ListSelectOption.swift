import struct NIOCore.ByteBuffer

/// `list-select-option` (RFC 5258 §6, RFC 6154 SPECIAL-USE).
public enum ListSelectOption: Hashable, Sendable {
    case subscribed
    case remote
    case recursiveMatch
    case specialUse
    case other(String)
}
