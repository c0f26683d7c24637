import FS
import Foundation
import Testing

@testable import MailStore

@Suite("Multi-dbox")
struct MultiDboxTests {
    private static func home() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("columba-mdbox-\(UUID().uuidString)").path
    }

    /// A message of exactly `size` bytes, different for each `number`.
    private static func message(_ number: Int, size: Int) -> [UInt8] {
        let head = Array("Subject: message \(number)\r\n\r\n".utf8)
        return head + (0..<(size - head.count)).map { UInt8(ascii: "a") + UInt8(($0 + number) % 26) }
    }

    @Test("a file takes messages until the next would pass the rotation size; a larger message gets a file of its own")
    func rotation() async throws {
        let home = Self.home()
        let store = try await UserMailStore.open(home: home, format: .mdbox, rotateSize: 64 * 1024)
        for number in 0..<20 {
            _ = try await store.save(Self.message(number, size: 10_000))
        }
        _ = try await store.save(Self.message(20, size: 200_000))
        _ = try await store.save(Self.message(21, size: 10_000))
        let files = try storageFiles(home)
        // Six 10 kB records (with their markers and metadata) fit in 64 KiB, a seventh does not.
        #expect(Set(files.keys) == ["m.1", "m.2", "m.3", "m.4", "m.5", "m.6"])
        for (name, size) in files where name != "m.5" {
            #expect(size <= 64 * 1024, "\(name) has \(size) bytes")
        }
        #expect(try #require(files["m.5"]) > 200_000)
        let entries = try await store.index.mapEntries()
        #expect(Dictionary(grouping: entries, by: \.placement.fileID).mapValues(\.count) == [1: 6, 2: 6, 3: 6, 4: 2, 5: 1, 6: 1])
        for (uid, number) in zip(1...UInt32(22), 0...21) {
            #expect(try await store.body(of: uid) == Self.message(number, size: number == 20 ? 200_000 : 10_000))
        }
    }

    @Test("copy and move add references and write no bytes; the copies read back whole")
    func copySharesBytes() async throws {
        let home = Self.home()
        let store = try await UserMailStore.open(home: home, format: .mdbox)
        let messages = (0..<5).map { MessageToAppend(bytes: Self.message($0, size: 3000)) }
        _ = try await store.append(messages, to: "INBOX")
        try await store.createMailbox(named: "Archive")
        try await store.createMailbox(named: "Trash")
        let filesBefore = try storageFiles(home)

        #expect(try await store.copy(uids: [1, 2, 3], from: "INBOX", to: "Archive").pairs.count == 3)
        #expect(try await store.move(uids: [4], from: "INBOX", to: "Trash").pairs == [UIDPair(source: 4, copy: 1)])
        #expect(try storageFiles(home) == filesBefore)
        let references = Dictionary(uniqueKeysWithValues: try await store.index.mapEntries().map { ($0.placement.guid, $0.references) })
        let inbox = try await store.messages(in: "INBOX")
        #expect(inbox.map { references[$0.guid] } == [2, 2, 2, 1])
        #expect(try await store.messages(in: "Trash").map { references[$0.guid] } == [1])
        for (uid, number) in [(UInt32(1), 0), (2, 1), (3, 2)] {
            #expect(try await store.body(of: uid, in: "Archive") == Self.message(number, size: 3000))
        }
        #expect(try await store.body(of: 1, in: "Trash") == Self.message(3, size: 3000))

        // Expunging the original keeps the copy readable; deleting its mailbox drops its references.
        _ = try await store.expunge(in: "INBOX", uids: [1])
        #expect(try await store.body(of: 1, in: "Archive") == Self.message(0, size: 3000))
        try await store.deleteMailbox(named: "Archive")
        #expect(try await store.index.mapEntries().map(\.references) == [0, 1, 1, 1, 1])
    }

    @Test("expunge then purge gives the space back and keeps every other message byte for byte")
    func purgeReclaims() async throws {
        let home = Self.home()
        let store = try await UserMailStore.open(home: home, format: .mdbox, rotateSize: 32 * 1024)
        for number in 0..<30 {
            _ = try await store.save(Self.message(number, size: 2000 + number * 50), flags: FlagSet(system: number.isMultiple(of: 3) ? .seen : []))
        }
        try await store.createMailbox(named: "Archive")
        _ = try await store.copy(uids: [2, 4], from: "INBOX", to: "Archive")
        let expunged = Array(stride(from: UInt32(1), through: 30, by: 2))  // every odd UID
        _ = try await store.expunge(in: "INBOX", uids: expunged + [4])
        let sizeBefore = try storageFiles(home).values.reduce(0, +)
        let keptBefore = try await store.messages(in: "INBOX")

        let report = try await store.purge()
        #expect(report.messagesRemoved == 15)
        #expect(report.messagesMoved == 15)  // 14 even UIDs left in INBOX, and UID 4 kept by its copy
        let sizeAfter = try storageFiles(home).values.reduce(0, +)
        #expect(Int64(sizeBefore - sizeAfter) == report.bytesReclaimed)
        #expect(sizeAfter < sizeBefore * 6 / 10)
        #expect(try await store.index.mapEntries().allSatisfy { $0.references > 0 })
        #expect(try await store.messages(in: "INBOX") == keptBefore)
        for record in keptBefore {
            #expect(try await store.body(of: record) == Self.message(Int(record.uid) - 1, size: 2000 + (Int(record.uid) - 1) * 50))
        }
        #expect(try await store.body(of: 2, in: "Archive") == Self.message(3, size: 2150))
        // Nothing left to purge; saves go on after the rewritten files.
        #expect(try await store.purge() == PurgeReport())
        #expect(try await store.save(Self.message(99, size: 500)) == 31)
        #expect(try await store.body(of: 31) == Self.message(99, size: 500))
        #expect(try await store.forceResync().unreadable.isEmpty)
        #expect(try await store.messages(in: "INBOX").count == 15)
    }

    @Test("bytes after the last committed record (a crashed append) are never read, and the next append replaces them")
    func truncatedTail() async throws {
        let home = Self.home()
        let store = try await UserMailStore.open(home: home, format: .mdbox)
        _ = try await store.save(Self.message(1, size: 1000))
        _ = try await store.save(Self.message(2, size: 1000))
        let path = home + "/storage/m.1"
        let committed = try Data(contentsOf: URL(fileURLWithPath: path))
        // A writer died in the middle of a record: half a start marker and message.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0x01, 0x02]) + Data("0123456789abcdef N\nSubject: lost\r\n\r\nhal".utf8))
        try handle.close()

        #expect(try await store.body(of: 2) == Self.message(2, size: 1000))
        let reopened = try await UserMailStore.open(home: home, format: .mdbox)
        #expect(try await reopened.save(Self.message(3, size: 1000)) == 3)
        let file = try DboxFile(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(file.damage.isEmpty)
        #expect(file.records.count == 3)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(committed.count) == committed)
        for number in 1...3 {
            #expect(try await reopened.body(of: UInt32(number)) == Self.message(number, size: 1000))
        }
    }

    @Test("a record that does not match its map entry is an error, never another message's bytes")
    func damagedRecord() async throws {
        let home = Self.home()
        let store = try await UserMailStore.open(home: home, format: .mdbox)
        _ = try await store.save(Self.message(1, size: 1000))
        _ = try await store.save(Self.message(2, size: 1000))
        let path = home + "/storage/m.1"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        // Lengthen the first message by a byte: its size trailer no longer matches.
        let first = try #require(bytes.firstRange(of: Data("Subject: message 1".utf8)))
        bytes.insert(UInt8(ascii: "X"), at: first.upperBound)
        try bytes.write(to: URL(fileURLWithPath: path))

        await #expect(throws: DboxCorruption.self) { try await store.body(of: 1) }
        await #expect(throws: DboxCorruption.self) { try await store.body(of: 2) }
        let report = try await store.forceResync()
        #expect(report.unreadable.contains { $0.contains("m.1") })
        #expect(try await store.messages(in: "INBOX").map(\.uid) == [2])
        #expect(try await store.body(of: 2) == Self.message(2, size: 1000))
    }

    @Test("a home keeps the format it was created in, whatever it is opened with later")
    func formatIsRecorded() async throws {
        let single = Self.home()
        _ = try await UserMailStore.open(home: single, format: .sdbox).save(Self.message(1, size: 100))
        let reopenedSingle = try await UserMailStore.open(home: single, format: .mdbox)
        #expect(reopenedSingle.storageFormat == .sdbox)
        #expect(try await reopenedSingle.save(Self.message(2, size: 100)) == 2)
        #expect(try storageFiles(single).isEmpty)
        #expect(try await reopenedSingle.purge() == PurgeReport())

        let multi = Self.home()
        _ = try await UserMailStore.open(home: multi, format: .mdbox).save(Self.message(1, size: 100))
        let reopenedMulti = try await UserMailStore.open(home: multi)
        #expect(reopenedMulti.storageFormat == .mdbox)
        #expect(try await reopenedMulti.save(Self.message(2, size: 100)) == 2)
        #expect(try storageFiles(multi).keys.sorted() == ["m.1"])
        for uid in [UInt32(1), 2] {
            #expect(try await reopenedMulti.body(of: uid) == Self.message(Int(uid), size: 100))
        }
        // An index rebuilt from the files knows the format from them.
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: "\(multi)/index.db\(suffix)")
        }
        #expect(try await UserMailStore.open(home: multi).storageFormat == .mdbox)
    }
}
