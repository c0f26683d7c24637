import Foundation
import GRDB
import Testing

@testable import MailStore

@Suite("Index rebuild")
struct IndexRepairTests {
    private static func home() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("columba-repair-\(UUID().uuidString)").path
    }

    /// What must survive a rebuild, per mailbox: the mailbox's identity and each message's.
    private struct Snapshot: Equatable {
        struct Message: Equatable {
            var uid: UInt32
            var guid: GUID128
            var internalDate: Int64
            var physicalSize: Int64
            var virtualSize: Int64
            var body: [UInt8]
        }

        var name: String
        var guid: GUID128
        var uidValidity: UInt32
        var specialUse: Set<String>
        var subscribed: Bool
        var messages: [Message]
    }

    private static func snapshot(_ store: UserMailStore) async throws -> [Snapshot] {
        var result: [Snapshot] = []
        for mailbox in try await store.mailboxes() {
            var messages: [Snapshot.Message] = []
            for record in try await store.messages(in: mailbox.name) {
                messages.append(Snapshot.Message(uid: record.uid, guid: record.guid, internalDate: record.internalDate,
                                                 physicalSize: record.physicalSize, virtualSize: record.virtualSize,
                                                 body: try await store.body(of: record)))
            }
            result.append(Snapshot(name: mailbox.name, guid: mailbox.guid, uidValidity: mailbox.uidValidity,
                                   specialUse: mailbox.specialUse, subscribed: mailbox.subscribed, messages: messages))
        }
        return result
    }

    /// A user with nested, renamed, special-use and subscribed mailboxes, copies, moves and
    /// expunged messages (so UIDs have gaps and the highest UID of INBOX is gone).
    private static func populate(_ store: UserMailStore) async throws {
        for index in 0..<6 {
            let message = Array("From: a@example.org\r\nSubject: message \(index)\r\n\r\nbody \(index)\n".utf8)
            _ = try await store.save(message, flags: FlagSet(system: index.isMultiple(of: 2) ? .seen : []),
                                     internalDate: 1_700_000_000 + Int64(index))
        }
        try await store.createMailbox(named: "Work")
        try await store.createMailbox(named: "Work/Projects")
        try await store.createMailbox(named: "Sent Items", specialUse: ["\\Sent"])
        try await store.setSubscribed(true, mailbox: "Sent Items")
        _ = try await store.copy(uids: [1, 2], from: "INBOX", to: "Work/Projects")
        _ = try await store.move(uids: [3], from: "INBOX", to: "Sent Items")
        try await store.renameMailbox(from: "Work", to: "Jobs")
        _ = try await store.expunge(in: "INBOX", uids: [6, 4])
        _ = try await store.updateFlags(in: "Jobs/Projects", uids: [2], .add, FlagSet(keywords: ["$Important"]))
    }

    @Test("a deleted index is rebuilt from the dbox files: every mailbox, message, GUID, date and UID kept",
          arguments: MailStorageFormat.allCases)
    func deletedIndex(format: MailStorageFormat) async throws {
        let home = Self.home()
        let before: [Snapshot]
        let uidNext: UInt32
        do {
            let store = try await UserMailStore.open(home: home, format: format)
            try await Self.populate(store)
            before = try await Self.snapshot(store)
            uidNext = try await store.status(of: "Jobs/Projects").uidNext
            _ = try await store.purge()
        }
        #expect(before.map(\.name) == ["INBOX", "Jobs", "Jobs/Projects", "Sent Items"])
        #expect(before[0].messages.map(\.uid) == [1, 2, 5])
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: "\(home)/index.db\(suffix)")
        }
        let rebuilt = try await UserMailStore.open(home: home, format: .sdbox)
        #expect(rebuilt.storageFormat == format)
        let after = try await Self.snapshot(rebuilt)
        #expect(after == before)
        // New saves continue above every UID given before (INBOX's 6 was expunged, so the next is
        // 7: the mailbox descriptor kept UIDNEXT), and the rebuilt index is a normal one.
        #expect(try await rebuilt.status(of: "Jobs/Projects").uidNext == uidNext)
        #expect(try await rebuilt.save(Array("Subject: after\r\n\r\nx\r\n".utf8), to: "Jobs/Projects") == uidNext)
        #expect(try await rebuilt.save(Array("Subject: after\r\n\r\ny\r\n".utf8)) == 7)
    }

    @Test("with the newest messages expunged, a rebuilt single-dbox index still never gives their UIDs again")
    func expungedNewestKeepsUIDNext() async throws {
        let home = Self.home()
        do {
            let store = try await UserMailStore.open(home: home)
            for number in 1...5 { _ = try await store.save(Array("Subject: \(number)\r\n\r\nx\r\n".utf8)) }
            #expect(try await store.expunge(in: "INBOX", uids: [4, 5]) == [4, 5])
            #expect(try await store.expunge(in: "INBOX", uids: [3]) == [3])
        }
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: "\(home)/index.db\(suffix)")
        }
        let rebuilt = try await UserMailStore.open(home: home)
        #expect(try await rebuilt.messages(in: "INBOX").map(\.uid) == [1, 2])
        #expect(try await rebuilt.status(of: "INBOX").uidNext == 6)
        #expect(try await rebuilt.save(Array("Subject: after\r\n\r\ny\r\n".utf8)) == 6)
    }

    @Test("a multi-dbox index lost before purge: expunged messages stay gone, moved ones come back once, a torn log entry is skipped")
    func multiDboxLogBeforePurge() async throws {
        let home = Self.home()
        let before: [Snapshot]
        do {
            let store = try await UserMailStore.open(home: home, format: .mdbox)
            for number in 1...5 { _ = try await store.save(Array("Subject: \(number)\r\n\r\nx\r\n".utf8)) }
            try await store.createMailbox(named: "Archive")
            #expect(try await store.move(uids: [2], from: "INBOX", to: "Archive").pairs == [UIDPair(source: 2, copy: 1)])
            #expect(try await store.move(uids: [1], from: "Archive", to: "INBOX").pairs == [UIDPair(source: 1, copy: 6)])
            #expect(try await store.copy(uids: [1], from: "INBOX", to: "Archive").pairs == [UIDPair(source: 1, copy: 2)])
            #expect(try await store.expunge(in: "INBOX", uids: [4]) == [4])
            // A crash in the middle of appending "-1:5;": the next entry ends the torn line.
            let log = "\(home)/mailboxes/\(try await store.mailbox(named: "INBOX").guid.hex)/\(MailboxUIDLog.fileName)"
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("\n-1:5".utf8))
            try handle.close()
            #expect(try await store.expunge(in: "INBOX", uids: [3]) == [3])
            before = try await Self.snapshot(store)
        }
        #expect(before.map { $0.messages.map(\.uid) } == [[2], [1, 5, 6]])  // Archive, INBOX
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: "\(home)/index.db\(suffix)")
        }
        let rebuilt = try await UserMailStore.open(home: home)
        #expect(try await Self.snapshot(rebuilt) == before)
        #expect(try await rebuilt.status(of: "INBOX").uidNext == 7)
        #expect(try await rebuilt.status(of: "Archive").uidNext == 3)
        // Purge rewrites the logs; a rebuild from them gives the same again.
        #expect(try await rebuilt.purge().messagesRemoved == 2)
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: "\(home)/index.db\(suffix)")
        }
        let again = try await UserMailStore.open(home: home)
        #expect(try await Self.snapshot(again) == before)
        #expect(try await again.save(Array("Subject: after\r\n\r\ny\r\n".utf8)) == 7)
    }

    @Test("an index that is not a database is set aside and rebuilt on open, without losing mail",
          arguments: MailStorageFormat.allCases)
    func corruptedIndex(format: MailStorageFormat) async throws {
        let home = Self.home()
        let before: [Snapshot]
        do {
            let store = try await UserMailStore.open(home: home, format: format)
            try await Self.populate(store)
            before = try await Self.snapshot(store)
            _ = try await store.purge()
        }
        for suffix in ["-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: "\(home)/index.db\(suffix)")
        }
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) })
        try garbage.write(to: URL(fileURLWithPath: "\(home)/index.db"))
        let rebuilt = try await UserMailStore.open(home: home, format: .sdbox)
        let after = try await Self.snapshot(rebuilt)
        #expect(after == before)
        let kept = try FileManager.default.contentsOfDirectory(atPath: home).filter { $0.hasPrefix("index.db.broken-") }
        #expect(kept.count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(home)/\(kept[0])")) == garbage)
    }

    @Test("force-resync keeps flags and modseqs, adopts files the index lost, and deletes files of expunged messages")
    func forceResyncSingleDbox() async throws {
        let home = Self.home()
        let store = try await UserMailStore.open(home: home)
        try await Self.populate(store)
        let inbox = try await store.mailbox(named: "INBOX")
        let flagsBefore = try await store.messages(in: "Jobs/Projects").map(\.flags)
        // A file of an expunged message left behind (as by a crash between index and unlink),
        // and an index row lost while its file stayed.
        let expungedFile = "\(home)/\(SingleDboxStore.location(mailbox: inbox.guid, uid: 6))"
        try FileManager.default.copyItem(atPath: "\(home)/\(SingleDboxStore.location(mailbox: inbox.guid, uid: 5))",
                                         toPath: expungedFile)
        try await store.index.database.write { db in
            try db.execute(sql: "DELETE FROM message WHERE uid = 5 AND mailbox_id = (SELECT id FROM mailbox WHERE name = 'INBOX')")
        }
        #expect(try await store.messages(in: "INBOX").map(\.uid) == [1, 2])

        let report = try await store.forceResync()
        #expect(report.adopted == 1)
        #expect(report.expungedFilesRemoved == 1)
        #expect(report.unreadable.isEmpty)
        #expect(try await store.messages(in: "INBOX").map(\.uid) == [1, 2, 5])
        #expect(try await store.messages(in: "INBOX").map(\.flags.system) == [.seen, [], []])
        #expect(try await store.messages(in: "Jobs/Projects").map(\.flags) == flagsBefore)
        #expect(!FileManager.default.fileExists(atPath: expungedFile))
    }

    @Test("multi-dbox force-resync keeps flags, modseqs and copies, adopts records the index lost, and leaves expunged records to purge")
    func forceResyncMultiDbox() async throws {
        let home = Self.home()
        let store = try await UserMailStore.open(home: home, format: .mdbox)
        try await Self.populate(store)
        let before = try await Self.snapshot(store)
        let projects = try await store.messages(in: "Jobs/Projects")
        // An index row lost while its record stayed.
        try await store.index.database.write { db in
            try db.execute(sql: "DELETE FROM message WHERE uid = 5 AND mailbox_id = (SELECT id FROM mailbox WHERE name = 'INBOX')")
        }
        #expect(try await store.messages(in: "INBOX").map(\.uid) == [1, 2])

        let report = try await store.forceResync()
        #expect(report.adopted == 1)
        #expect(report.unreadable.isEmpty)
        #expect(try await Self.snapshot(store) == before)
        #expect(try await store.messages(in: "INBOX").map(\.flags.system) == [.seen, [], []])
        #expect(try await store.messages(in: "Jobs/Projects") == projects)
        // The expunged messages' records (INBOX 4 and 6) stay unreferenced until purge.
        #expect(try await store.index.mapEntries().filter { $0.references == 0 }.count == 2)
        #expect(try await store.purge().messagesRemoved == 2)
        #expect(try await Self.snapshot(store) == before)
    }

    @Test("an unreadable message file is reported and left in place, never deleted")
    func damagedFile() async throws {
        let home = Self.home()
        let store = try await UserMailStore.open(home: home)
        _ = try await store.save(Array("Subject: one\r\n\r\n1\r\n".utf8))
        _ = try await store.save(Array("Subject: two\r\n\r\n2\r\n".utf8))
        let inbox = try await store.mailbox(named: "INBOX")
        let path = "\(home)/\(SingleDboxStore.location(mailbox: inbox.guid, uid: 2))"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes.removeLast(10)
        try FileManager.default.removeItem(atPath: path)
        try bytes.write(to: URL(fileURLWithPath: path))

        let report = try await store.forceResync()
        #expect(report.unreadable.count == 1)
        #expect(report.unreadable.first?.contains("u.2") == true)
        #expect(try await store.messages(in: "INBOX").map(\.uid) == [1])
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
