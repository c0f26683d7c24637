import struct NIOCore.ByteBuffer

/// `"QRESYNC" SP "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")"`.
public struct QResyncParameter: Hashable, Sendable {
    public var uidValidity: UInt32
    public var modSeq: UInt64
    public var knownUIDs: SequenceSet?
    /// `seq-match-data = "(" known-sequence-set SP known-uid-set ")"`.
    public var sequenceMatch: SequenceMatch?

    public struct SequenceMatch: Hashable, Sendable {
        public var sequenceNumbers: SequenceSet
        public var uids: SequenceSet

        public init(sequenceNumbers: SequenceSet, uids: SequenceSet) {
            self.sequenceNumbers = sequenceNumbers
            self.uids = uids
        }
    }

    public init(uidValidity: UInt32, modSeq: UInt64, knownUIDs: SequenceSet? = nil, sequenceMatch: SequenceMatch? = nil) {
        self.uidValidity = uidValidity
        self.modSeq = modSeq
        self.knownUIDs = knownUIDs
        self.sequenceMatch = sequenceMatch
    }
}
