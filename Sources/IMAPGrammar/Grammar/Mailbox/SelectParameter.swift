import struct NIOCore.ByteBuffer

/// `select-param` (RFC 7162 §3.1.8, §3.2.5).
public enum SelectParameter: Hashable, Sendable {
    case condstore
    case qresync(QResyncParameter)
    case other(String)
}
