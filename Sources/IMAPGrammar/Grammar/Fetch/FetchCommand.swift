import struct NIOCore.ByteBuffer

/// The argument of FETCH / UID FETCH.
public struct FetchCommand: Hashable, Sendable {
    public var sequenceSet: SequenceSet
    public var attributes: [FetchAttribute]
    public var modifiers: [FetchModifier]

    public init(sequenceSet: SequenceSet, attributes: [FetchAttribute], modifiers: [FetchModifier] = []) {
        self.sequenceSet = sequenceSet
        self.attributes = attributes
        self.modifiers = modifiers
    }
}
