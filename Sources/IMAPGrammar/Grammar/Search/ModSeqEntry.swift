import struct NIOCore.ByteBuffer

/// The optional metadata item of `SEARCH MODSEQ` (RFC 7162): `"/flags/\Seen" all`.
public struct ModSeqEntry: Hashable, Sendable {
    public enum EntryType: String, Hashable, Sendable {
        case `private` = "priv"
        case shared
        case all
    }

    public var flag: Flag
    public var type: EntryType

    public init(flag: Flag, type: EntryType) {
        self.flag = flag
        self.type = type
    }
}
