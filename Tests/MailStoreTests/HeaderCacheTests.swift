import Foundation
import GRDB
import MailMessage
import Testing

@testable import MailStore

/// The index's header cache: what it keeps, that copies and expunges keep it right, and that
/// header searches and header reads use it instead of the message files.
@Suite("Header cache")
struct HeaderCacheTests {
    private static func home() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("columba-headers-\(UUID().uuidString)").path
    }

    static let message = Array("From: Ann <ann@example.org>\r\nSubject: quarterly numbers\r\nDate: Tue, 3 Feb 2026 10:00:00 +0100\r\n\r\nthe body text\r\n".utf8)
    static let header = Array("From: Ann <ann@example.org>\r\nSubject: quarterly numbers\r\nDate: Tue, 3 Feb 2026 10:00:00 +0100\r\n\r\n".utf8)

    @Test("a save caches the header block; a copy brings it along; an expunge or a deleted mailbox drops it",
          arguments: MailStorageFormat.allCases)
    func lifecycle(format: MailStorageFormat) async throws {
        let store = try await UserMailStore.open(home: Self.home(), format: format)
        _ = try await store.save(Self.message)
        _ = try await store.save(Array("Subject: no body".utf8))
        #expect(try await store.index.cachedHeaders(in: "INBOX", uidRanges: [1...10]) == [1: Self.header, 2: Array("Subject: no body".utf8)])
        try await store.createMailbox(named: "Archive")
        _ = try await store.copy(uids: [1], from: "INBOX", to: "Archive")
        #expect(try await store.index.cachedHeaders(in: "Archive", uidRanges: [1...1]) == [1: Self.header])
        #expect(try await store.expunge(in: "INBOX", uids: [1]) == [1])
        #expect(try await store.index.cachedHeaders(in: "INBOX", uidRanges: [1...10]).keys.sorted() == [2])
        try await store.deleteMailbox(named: "Archive")
        try await store.createMailbox(named: "Archive")
        _ = try await store.save(Array("Subject: new\r\n\r\nx\r\n".utf8), to: "Archive")
        #expect(try await store.index.cachedHeaders(in: "Archive", uidRanges: [1...10]) == [1: Array("Subject: new\r\n\r\n".utf8)])
        let rows = try await store.index.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM header_cache") }
        #expect(rows == 2, "rows of expunged or deleted messages were left behind")
    }

    @Test("a header over the limit is not cached, and is read from the message file")
    func oversizedHeader() async throws {
        let store = try await UserMailStore.open(home: Self.home())
        let trace = String(repeating: "Received: from relay.example.net by mx.example.org; Tue, 3 Feb 2026 10:00:00 +0100\r\n", count: 500)
        let big = Array((trace + "Subject: long trail\r\n\r\nbody\r\n").utf8)
        _ = try await store.save(big)
        #expect(try await store.index.cachedHeaders(in: "INBOX", uidRanges: [1...1]).isEmpty)
        let records = try await store.messages(in: "INBOX")
        #expect(try await store.headers(of: records, in: "INBOX") == [1: Array(MIMEMessage.headerBlock(of: big))])
        #expect(try await store.search(in: "INBOX", .header("Subject", "trail")) == [1])
    }

    @Test("header searches and header reads come from the cache: they still answer with the message file gone",
          arguments: MailStorageFormat.allCases)
    func answersWithoutFiles(format: MailStorageFormat) async throws {
        let home = Self.home()
        let store = try await UserMailStore.open(home: home, format: format)
        _ = try await store.save(Self.message)
        _ = try await store.save(Array("From: bob@example.org\r\nSubject: lunch\r\n\r\nsoup\r\n".utf8))
        for directory in ["mailboxes", "storage"] {
            try? FileManager.default.removeItem(atPath: "\(home)/\(directory)")
        }
        #expect(try await store.search(in: "INBOX", .header("Subject", "QUARTERLY")) == [1])
        #expect(try await store.search(in: "INBOX", .or(.header("From", "bob"), .sentOn(DayDate(year: 2026, month: 2, day: 3)))) == [1, 2])
        #expect(try await store.sort(in: "INBOX", by: [SortKey(.subject)], .all) == [2, 1])
        let records = try await store.messages(in: "INBOX")
        #expect(try await store.headers(of: records, in: "INBOX")[1] == Self.header)
        // A body search needs the file, and says so.
        await #expect(throws: (any Error).self) { try await store.search(in: "INBOX", .body("soup")) }
    }
}
