import ColumbaBench
import Testing

@Suite("MailboxModel")
struct MailboxModelTests {
    static func fetch(_ sequence: Int, uid: UInt64) -> UntaggedData {
        .fetch(sequence: sequence, attributes: ["UID": .number(uid)])
    }

    @Test("FETCH fills UIDs, EXISTS grows, EXPUNGE removes and returns the UID")
    func follows() throws {
        var model = MailboxModel(exists: 3, uidValidity: 9)
        #expect(model.unknownSequenceRange == 1...3)
        for (sequence, uid) in [(1, 4), (2, 7), (3, 8)] {
            try model.apply(Self.fetch(sequence, uid: UInt64(uid)))
        }
        #expect(model.uids == [4, 7, 8])
        #expect(model.unknownSequenceRange == nil)
        try model.apply(.exists(4))
        #expect(model.unknownSequenceRange == 4...4)
        #expect(try model.apply(.expunge(2)) == 7)
        #expect(model.uids == [4, 8, nil])
        try model.apply(Self.fetch(3, uid: 12))
        #expect(model.highestUID == 12)
        #expect(model.contains(uid: 12) && !model.contains(uid: 7))
    }

    @Test("contradictions are failures", arguments: [
        [UntaggedData.exists(1)],
        [.expunge(3)],
        [.expunge(0)],
        [.fetch(sequence: 3, attributes: ["UID": .number(5)])],
        [MailboxModelTests.fetch(1, uid: 5), MailboxModelTests.fetch(1, uid: 6)],
        [MailboxModelTests.fetch(2, uid: 5), MailboxModelTests.fetch(1, uid: 5)],
        [MailboxModelTests.fetch(1, uid: 5), MailboxModelTests.fetch(2, uid: 4)],
        [.fetch(sequence: 1, attributes: ["UID": .atom("x")])],
    ])
    func contradictions(updates: [UntaggedData]) {
        var model = MailboxModel(exists: 2, uidValidity: 9)
        #expect(throws: CheckFailure.self) {
            for update in updates {
                try model.apply(update)
            }
        }
    }
}
