import struct NIOCore.ByteBuffer

/// The argument of STORE / UID STORE.
public struct StoreCommand: Hashable, Sendable {
    public var sequenceSet: SequenceSet
    /// `UNCHANGEDSINCE` (RFC 7162 §3.1.3).
    public var unchangedSince: UInt64?
    public var flags: StoreFlags

    public init(sequenceSet: SequenceSet, unchangedSince: UInt64? = nil, flags: StoreFlags) {
        self.sequenceSet = sequenceSet
        self.unchangedSince = unchangedSince
        self.flags = flags
    }
}
