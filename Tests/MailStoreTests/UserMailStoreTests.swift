import FS
import Foundation
import GRDB
import Testing

@testable import MailStore

@Suite("UserMailStore")
struct UserMailStoreTests {
    private static func home() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("columba-home-\(UUID().uuidString)").path
    }

    @Test("a delivery links another home's file of the same bytes, keeping its GUID; one that cannot be linked is written")
    func deliverySharesFiles() async throws {
        let message = MessageToAppend(bytes: Array("Subject: to both\r\n\r\nbody\r\n".utf8), internalDate: 1_700_000_000)
        let first = try await UserMailStore.open(home: Self.home())
        let shared = try #require(try await first.deliver(message, to: "INBOX"))
        var linked = message
        linked.sharedFile = shared
        let second = try await UserMailStore.open(home: Self.home())
        let again = try #require(try await second.deliver(linked, to: "INBOX"))
        let info = { (path: String) throws in try FileManager.default.attributesOfItem(atPath: path) }
        #expect(try info(again.path)[.systemFileNumber] as? Int == info(shared.path)[.systemFileNumber] as? Int)
        #expect(try info(shared.path)[.referenceCount] as? Int == 2)
        #expect(again.guid == shared.guid)
        #expect(try await second.body(of: 1) == message.bytes)
        #expect(try await second.messages(in: "INBOX").first?.internalDate == 1_700_000_000)

        // The first file gone (expunged meanwhile): the third copy is written, under the same GUID.
        try FileManager.default.removeItem(atPath: shared.path)
        try FileManager.default.removeItem(atPath: again.path)
        let third = try await UserMailStore.open(home: Self.home())
        let written = try #require(try await third.deliver(linked, to: "INBOX"))
        #expect(try info(written.path)[.referenceCount] as? Int == 1)
        #expect(written.guid == shared.guid)
        #expect(try await third.body(of: 1) == message.bytes)
        // A multi-dbox home writes its own record and offers no file to link.
        let multi = try await UserMailStore.open(home: Self.home(), format: .mdbox)
        #expect(try await multi.deliver(linked, to: "INBOX") == nil)
        #expect(try await multi.body(of: 1) == message.bytes)
    }

    @Test("save then read back byte for byte; the body is a single-dbox file named by UID or a record of a multi-dbox file; sizes indexed",
          arguments: MailStorageFormat.allCases)
    func roundTrip(format: MailStorageFormat) async throws {
        let home = Self.home()
        let store = try await UserMailStore.open(home: home, format: format)
        #expect(store.storageFormat == format)
        let crlf = Array("Subject: a\r\n\r\nbody\r\n".utf8)
        let lf = Array("Subject: b\n\nline one\nline two\n".utf8)
        #expect(try await store.save(crlf, flags: FlagSet(system: .seen), internalDate: 1_700_000_000) == 1)
        #expect(try await store.save(lf) == 2)
        #expect(try await store.body(of: 1) == crlf)
        #expect(try await store.body(of: 2) == lf)

        let records = try await store.index.messages(in: "INBOX")
        let inbox = try #require(try await store.index.mailbox(named: "INBOX"))
        #expect(records[0].internalDate == 1_700_000_000)
        #expect(records[0].flags == FlagSet(system: .seen))
        #expect(records[1].physicalSize == Int64(lf.count))
        #expect(records[1].virtualSize == Int64(lf.count + 4))

        // The file on disk reads as dbox on its own, with the metadata a rebuild needs.
        let file: DboxFile
        switch format {
        case .sdbox:
            #expect(records[0].bodyLocation == "mailboxes/\(inbox.guid.hex)/u.1")
            file = try DboxFile(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: home + "/" + records[1].bodyLocation))))
            #expect(file.records.count == 1)
        case .mdbox:
            #expect(records.allSatisfy { $0.bodyLocation.hasPrefix("map:") })
            #expect(try storageFiles(home).keys.sorted() == ["m.1"])
            file = try DboxFile(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: home + "/storage/m.1"))))
            #expect(file.records.count == 2)
            #expect(file.damage.isEmpty)
            #expect(file.records.map(\.metadata.originalUID) == [1, 2])
        }
        let record = try #require(file.records.last)
        #expect(record.metadata.guid == records[1].guid.hex)
        #expect(record.metadata.virtualSize == Int64(lf.count + 4))
        #expect(record.metadata.originalMailbox == inbox.guid.hex)

        await #expect(throws: MailIndexError(kind: .mailboxNotFound, mailbox: "Nope")) {
            try await store.save(crlf, to: "Nope")
        }
    }

    @Test("many first sessions of a new user at once: INBOX made once, every save kept", arguments: MailStorageFormat.allCases)
    func concurrentFirstUse(format: MailStorageFormat) async throws {
        let home = Self.home()
        let uids = try await withThrowingTaskGroup(of: UInt32.self) { group in
            for index in 0..<12 {
                group.addTask {
                    let store = try await UserMailStore.open(home: home, format: format)
                    return try await store.save(Array("Subject: \(index)\r\n\r\nx\r\n".utf8))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(uids.sorted() == Array(1...12))
        let store = try await UserMailStore.open(home: home, format: format)
        #expect(store.storageFormat == format)
        #expect(try await store.index.treeChanges().filter { $0.kind == .create }.count == 1)
        for uid in 1...UInt32(12) {
            let body = String(decoding: try await store.body(of: uid), as: UTF8.self)
            #expect(body.hasPrefix("Subject: "))
        }
    }
}

@Suite("Change bus")
struct ChangeBusTests {
    @Test("every write is announced with its UIDs and the mailbox's new HIGHESTMODSEQ, to every listener",
          arguments: MailStorageFormat.allCases)
    func announcements(format: MailStorageFormat) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("columba-bus-\(UUID().uuidString)").path
        let store = try await UserMailStore.open(home: home, format: format)
        let inbox = try await store.mailbox(named: "INBOX")
        let first = store.changes()
        let second = store.changes()
        _ = try await store.append([MessageToAppend(bytes: Array("Subject: a\r\n\r\n".utf8)),
                                    MessageToAppend(bytes: Array("Subject: b\r\n\r\n".utf8))], to: "INBOX")
        _ = try await store.updateFlags(in: "INBOX", uids: [2], .add, FlagSet(system: .flagged))
        _ = try await store.expunge(in: "INBOX", uids: [1])
        let archive = try await store.createMailbox(named: "Archive")
        _ = try await store.copy(uids: [2], from: "INBOX", to: "Archive")

        let expected = [
            MailStoreChange(mailbox: inbox.guid, kind: .appended([1, 2]), modseq: 2),
            MailStoreChange(mailbox: inbox.guid, kind: .flagsChanged([2]), modseq: 3),
            MailStoreChange(mailbox: inbox.guid, kind: .expunged([1]), modseq: 4),
            MailStoreChange(mailbox: archive.guid, kind: .mailboxTree, modseq: 1),
            MailStoreChange(mailbox: archive.guid, kind: .appended([1]), modseq: 2),
        ]
        for stream in [first, second] {
            var received: [MailStoreChange] = []
            for await change in stream {
                received.append(change)
                if received.count == expected.count { break }
            }
            #expect(received == expected)
        }
    }
}

@Suite("Quota")
struct QuotaTests {
    @Test("saves and copies over the message or storage limit are refused whole and change nothing; moves are allowed",
          arguments: MailStorageFormat.allCases)
    func limits(format: MailStorageFormat) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("columba-quota-\(UUID().uuidString)").path
        let store = try await UserMailStore.open(home: home, format: format)
        let message = Array("Subject: q\r\n\r\n".utf8) + [UInt8](repeating: 0x61, count: 86)  // 100 bytes
        store.quota = QuotaLimits(storageBytes: 350, messages: 3)
        _ = try await store.append([MessageToAppend(bytes: message), MessageToAppend(bytes: message)], to: "INBOX")
        #expect(try await store.quotaUsage() == QuotaUsage(storageBytes: 200, messages: 2))

        await #expect(throws: QuotaExceeded(resource: .messages, limit: 3, usage: 2, adding: 2)) {
            try await store.append([MessageToAppend(bytes: message), MessageToAppend(bytes: message)], to: "INBOX")
        }
        store.quota = QuotaLimits(storageBytes: 250)
        await #expect(throws: QuotaExceeded(resource: .storage, limit: 250, usage: 200, adding: 100)) {
            try await store.save(message)
        }
        try await store.createMailbox(named: "Archive")
        await #expect(throws: QuotaExceeded(resource: .storage, limit: 250, usage: 200, adding: 100)) {
            try await store.copy(uids: [1], from: "INBOX", to: "Archive")
        }
        #expect(try await store.messages(in: "INBOX").map(\.uid) == [1, 2])
        #expect(try await store.messages(in: "Archive").isEmpty)
        #expect(try await store.status(of: "INBOX").uidNext == 3)
        // A move adds nothing, so it goes through at the limit.
        #expect(try await store.move(uids: [1], from: "INBOX", to: "Archive").pairs == [UIDPair(source: 1, copy: 1)])
        #expect(try await store.quotaUsage() == QuotaUsage(storageBytes: 200, messages: 2))
        #expect(QuotaExceeded(resource: .storage, limit: 250, usage: 200, adding: 100).description
            == "Quota exceeded: 300 bytes would pass the limit of 250 bytes")
    }

    /// What the messages take, counted row by row.
    private static func recount(_ store: UserMailStore) async throws -> QuotaUsage {
        try await store.index.database.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*) AS messages, coalesce(sum(physical_size), 0) AS bytes FROM message")!
            return QuotaUsage(storageBytes: row["bytes"], messages: row["messages"])
        }
    }

    @Test("the kept totals equal a recount after saves, copies, moves, expunges, a deleted mailbox and a rebuild",
          arguments: MailStorageFormat.allCases)
    func keptTotals(format: MailStorageFormat) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("columba-quota-\(UUID().uuidString)").path
        let store = try await UserMailStore.open(home: home, format: format)
        for size in [10, 200, 3000] { _ = try await store.save(Array("Subject: s\r\n\r\n".utf8) + [UInt8](repeating: 0x62, count: size)) }
        try await store.createMailbox(named: "Archive")
        _ = try await store.copy(uids: [1, 2], from: "INBOX", to: "Archive")
        _ = try await store.move(uids: [3], from: "INBOX", to: "Archive")
        #expect(try await store.quotaUsage() == Self.recount(store))
        #expect(try await store.quotaUsage().messages == 5)
        _ = try await store.expunge(in: "Archive", uids: [1])
        #expect(try await store.quotaUsage() == Self.recount(store))
        try await store.deleteMailbox(named: "Archive")
        #expect(try await store.quotaUsage() == Self.recount(store))
        #expect(try await store.quotaUsage() == QuotaUsage(storageBytes: Int64(14 + 10 + 14 + 200), messages: 2))
        _ = try await store.forceResync()
        #expect(try await store.quotaUsage() == Self.recount(store))
        #expect(try await store.quotaUsage().messages == 2)
    }
}
