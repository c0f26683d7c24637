import struct NIOCore.ByteBuffer

/// One message of APPEND (several with MULTIAPPEND, RFC 3502).
public struct AppendMessage: Hashable, Sendable {
    public var flags: [Flag]
    public var internalDate: IMAPDateTime?
    /// The message octets (a slice of the command's bytes; no copy).
    public var data: ByteBuffer
    /// Sent as `literal8` (`~{n}`, RFC 3516).
    public var binary: Bool

    public init(flags: [Flag] = [], internalDate: IMAPDateTime? = nil, data: ByteBuffer, binary: Bool = false) {
        self.flags = flags
        self.internalDate = internalDate
        self.data = data
        self.binary = binary
    }
}
