import Testing

@testable import MailStore

@Suite("Mailbox UID log")
struct MailboxUIDLogTests {
    private let first = GUID128(hex: "00112233445566778899aabbccddeeff")!
    private let second = GUID128(hex: "ffeeddccbbaa99887766554433221100")!

    @Test("copies and expunges read back whatever their order; expunged copies are gone")
    func entries() {
        let bytes = MailboxUIDLog.copyEntry(uid: 7, guid: first) + MailboxUIDLog.expungeEntry([9...9, 1...3, 4...4])
            + MailboxUIDLog.copyEntry(uid: 8, guid: second) + MailboxUIDLog.expungeEntry([7...7])
        #expect(String(decoding: bytes, as: UTF8.self)
            == "\n+7 00112233445566778899aabbccddeeff;\n-1:4,9;\n+8 ffeeddccbbaa99887766554433221100;\n-7;")
        let log = MailboxUIDLog(parsing: bytes)
        #expect(log.presentCopies == [8: second])
        #expect((1...12).filter(log.isExpunged) == [1, 2, 3, 4, 7, 9])
        #expect(log.highestUID == 9)
    }

    @Test("torn, malformed and unknown entries are skipped, never read as shorter ones", arguments: [
        "\n-1:5", "\n-1:5\n", "\n+7 0011", "\n+7 00112233445566778899aabbccddeeff", "\n-0;", "\n-5:3;",
        "\n-1:;", "\n-x;", "\n+0 00112233445566778899aabbccddeeff;", "\n*3;", "\n;", "\n-;", "\u{0}\u{0}\u{0};",
    ])
    func skipped(entry: String) {
        let log = MailboxUIDLog(parsing: Array(entry.utf8) + MailboxUIDLog.expungeEntry([10...10]))
        #expect((1...12).filter(log.isExpunged) == [10])
        #expect(log.presentCopies.isEmpty)
    }

    @Test("purge keeps the copies still present and calls every other UID below UIDNEXT expunged")
    func compaction() {
        let log = MailboxUIDLog(parsing: MailboxUIDLog.copyEntry(uid: 3, guid: first) + MailboxUIDLog.copyEntry(uid: 5, guid: second)
            + MailboxUIDLog.expungeEntry([2...2]))
        let compacted = log.compacted(present: [1: second, 3: first, 6: first], uidNext: 10)
        #expect(String(decoding: compacted, as: UTF8.self) == "+3 00112233445566778899aabbccddeeff;\n-2,4:5,7:9;\n")
        let reread = MailboxUIDLog(parsing: compacted)
        #expect(reread.presentCopies == [3: first])
        #expect((1...12).filter(reread.isExpunged) == [2, 4, 5, 7, 8, 9])
        #expect(reread.highestUID == 9)
        #expect(MailboxUIDLog(parsing: []).compacted(present: [1: first, 2: second], uidNext: 3).isEmpty)
    }
}
