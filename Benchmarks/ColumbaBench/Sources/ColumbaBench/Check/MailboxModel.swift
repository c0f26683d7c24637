/// The client's view of the selected mailbox, as RFC 9051 §7.4 obliges the server to keep it in
/// step: the UID of each message sequence number, grown by EXISTS, shrunk by EXPUNGE, and filled in
/// by FETCH responses that carry a UID. Every update that contradicts the view is a ``CheckFailure``.
public struct MailboxModel: Sendable, Equatable {
    /// UIDs by sequence number minus one; nil until a FETCH tells the UID.
    public private(set) var uids: [UInt32?]
    /// The mailbox's UIDVALIDITY from SELECT.
    public let uidValidity: UInt32
    /// The highest UID seen in this mailbox (FETCH, APPENDUID); new messages get higher ones.
    public private(set) var highestUID: UInt32 = 0

    /// A mailbox of `exists` messages whose UIDs are not known yet.
    public init(exists: Int, uidValidity: UInt32) {
        self.uids = Array(repeating: nil, count: exists)
        self.uidValidity = uidValidity
    }

    /// The number of messages.
    public var count: Int { uids.count }

    /// The sequence numbers (1-based) from the first to the last message whose UID is unknown.
    public var unknownSequenceRange: ClosedRange<Int>? {
        guard let first = uids.firstIndex(of: nil), let last = uids.lastIndex(of: nil) else { return nil }
        return (first + 1)...(last + 1)
    }

    /// Whether a message with this UID is in the mailbox as far as the client knows.
    public func contains(uid: UInt32) -> Bool {
        uids.contains(uid)
    }

    /// Notes a UID the server assigned elsewhere (APPENDUID).
    public mutating func noteAssigned(uid: UInt32) {
        highestUID = max(highestUID, uid)
    }

    /// Applies one untagged response. Returns the UID an EXPUNGE removed, when it was known.
    @discardableResult
    public mutating func apply(_ data: UntaggedData) throws(CheckFailure) -> UInt32? {
        switch data {
        case .exists(let exists):
            guard exists >= uids.count else {
                throw CheckFailure("EXISTS \(exists) is below the \(uids.count) messages known, without EXPUNGE")
            }
            uids += Array(repeating: nil, count: exists - uids.count)
        case .expunge(let sequence):
            guard sequence >= 1, sequence <= uids.count else {
                throw CheckFailure("EXPUNGE of message \(sequence) in a mailbox of \(uids.count)")
            }
            return uids.remove(at: sequence - 1)
        case .fetch(let sequence, let attributes):
            guard sequence >= 1, sequence <= uids.count else {
                throw CheckFailure("FETCH for message \(sequence) in a mailbox of \(uids.count)")
            }
            guard let value = attributes["UID"] else { return nil }
            guard let number = value.number, number > 0, number <= UInt64(UInt32.max) else {
                throw CheckFailure("FETCH UID is not a valid UID")
            }
            try learn(uid: UInt32(number), at: sequence - 1)
        case .recent, .search, .capability, .other:
            break
        }
        return nil
    }

    private mutating func learn(uid: UInt32, at index: Int) throws(CheckFailure) {
        if let known = uids[index] {
            guard known == uid else {
                throw CheckFailure("FETCH says message \(index + 1) has UID \(uid), it had UID \(known)")
            }
            return
        }
        if let before = uids[..<index].last(where: { $0 != nil }), let before, before >= uid {
            throw CheckFailure("UID \(uid) of message \(index + 1) is not above the UID \(before) of an earlier message")
        }
        if let after = uids[(index + 1)...].first(where: { $0 != nil }), let after, after <= uid {
            throw CheckFailure("UID \(uid) of message \(index + 1) is not below the UID \(after) of a later message")
        }
        uids[index] = uid
        highestUID = max(highestUID, uid)
    }
}
