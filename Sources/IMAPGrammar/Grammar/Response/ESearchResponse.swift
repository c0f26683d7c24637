import struct NIOCore.ByteBuffer

/// `esearch-response` (RFC 4731, RFC 9051 §7.3.4).
public struct ESearchResponse: Hashable, Sendable {
    /// The tag of the command this answers (`search-correlator`).
    public var tag: String?
    public var uid: Bool
    public var min: UInt32?
    public var max: UInt32?
    public var count: UInt32?
    public var all: SequenceSet?
    public var modSeq: UInt64?

    public init(tag: String?, uid: Bool, min: UInt32? = nil, max: UInt32? = nil, count: UInt32? = nil, all: SequenceSet? = nil, modSeq: UInt64? = nil) {
        self.tag = tag
        self.uid = uid
        self.min = min
        self.max = max
        self.count = count
        self.all = all
        self.modSeq = modSeq
    }
}

// MARK: - Encoding

extension EncodeBuffer {
    mutating func writeESearch(_ esearch: ESearchResponse) {
        writeRaw("ESEARCH")
        if let tag = esearch.tag {
            writeRaw(" (TAG ")
            writeIMAPString(tag)
            writeRaw(")")
        }
        if esearch.uid { writeRaw(" UID") }
        if let min = esearch.min { writeRaw(" MIN \(min)") }
        if let max = esearch.max { writeRaw(" MAX \(max)") }
        if let count = esearch.count { writeRaw(" COUNT \(count)") }
        if let all = esearch.all {
            writeRaw(" ALL ")
            writeSequenceSet(all)
        }
        if let modSeq = esearch.modSeq { writeRaw(" MODSEQ \(modSeq)") }
    }
}
