import Foundation
import GRDB
import Testing

@testable import MailStore

@Suite("MailIndex")
struct MailIndexTests {
    @Test("the index's writer syncs the WAL at every commit (synchronous = FULL), after GRDB's own WAL setup")
    func durableCommits() async throws {
        let index = try MailIndex(path: try Self.temporaryIndexPath())
        let level = try await index.database.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(level == 2)
        let mode = try await index.database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test("random GUIDs are 32 lower-case hex digits, all different, with every digit varying")
    func randomGUIDs() {
        let guids = (0..<200).map { _ in GUID128.random() }
        #expect(Set(guids).count == guids.count)
        for guid in guids {
            #expect(guid.hex.utf8.count == 32)
            #expect(GUID128(hex: guid.hex) == guid, "\(guid) is not lower-case hex")
        }
        for position in 0..<32 {
            #expect(Set(guids.map { Array($0.hex.utf8)[position] }).count > 8, "digit \(position) hardly varies")
        }
    }

    private static func temporaryIndexPath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("columba-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("index.db").path
    }

    private static func message(uid: UInt32, size: Int64 = 100, flags: FlagSet = FlagSet()) -> NewMessage {
        NewMessage(uid: uid, flags: flags, internalDate: 1_700_000_000, physicalSize: size, virtualSize: size + 3,
                   bodyLocation: "u.\(uid)")
    }

    @Test("the tree: create, rename with children, subscribe, delete, and a change log with GUIDs kept")
    func tree() async throws {
        let index = try MailIndex(path: try Self.temporaryIndexPath(), clock: { 1_800_000_000 })
        let archive = try await index.createMailbox(named: "Archive")
        try await index.createMailbox(named: "Archive/2025")
        try await index.createMailbox(named: "Archived", specialUse: ["\\Archive"])
        await #expect(throws: MailIndexError(kind: .mailboxExists, mailbox: "Archive")) {
            try await index.createMailbox(named: "Archive")
        }
        try await index.renameMailbox(from: "Archive", to: "Old/Archive")
        #expect(try await index.mailboxes().map(\.name) == ["Archived", "Old/Archive", "Old/Archive/2025"])
        #expect(try await index.mailbox(named: "Old/Archive")?.guid == archive.guid)
        #expect(try await index.mailbox(named: "Old/Archive")?.uidValidity == archive.uidValidity)
        #expect(try await index.mailbox(named: "Archived")?.specialUse == ["\\Archive"])
        try await index.setSubscribed(true, mailbox: "Archived")
        #expect(try await index.mailbox(named: "Archived")?.subscribed == true)
        try await index.deleteMailbox(named: "Old/Archive")
        #expect(try await index.mailboxes().map(\.name) == ["Archived", "Old/Archive/2025"])
        let kinds = try await index.treeChanges().map { "\($0.kind.rawValue) \($0.name)" }
        #expect(kinds == ["create Archive", "create Archive/2025", "create Archived", "rename Old/Archive",
                          "rename Old/Archive/2025", "subscribe Archived", "delete Old/Archive"])
        for bad in ["", "a//b", "/a", "a/", "a\nb", "a\u{0}b"] {
            await #expect(throws: MailIndexError(kind: .invalidName, mailbox: bad)) {
                try await index.createMailbox(named: bad)
            }
        }
    }

    @Test("UIDVALIDITY is never reused, even for mailboxes created in the same second or re-created")
    func uidValidity() async throws {
        let index = try MailIndex(path: try Self.temporaryIndexPath(), clock: { 1_800_000_000 })
        let first = try await index.createMailbox(named: "A")
        let second = try await index.createMailbox(named: "B")
        try await index.deleteMailbox(named: "A")
        let again = try await index.createMailbox(named: "A")
        #expect(first.uidValidity == 1_800_000_000)
        #expect(second.uidValidity == first.uidValidity + 1)
        #expect(again.uidValidity == second.uidValidity + 1)
        #expect(again.guid != first.guid)
    }

    @Test("append takes UIDs at or above UIDNEXT in ascending order; expunge leaves tombstones with their modseq")
    func appendAndExpunge() async throws {
        let index = try MailIndex(path: try Self.temporaryIndexPath())
        try await index.createMailbox(named: "INBOX")
        #expect(try await index.append([Self.message(uid: 1), Self.message(uid: 2)], to: "INBOX").uidNext == 3)
        #expect(try await index.append([Self.message(uid: 3)], to: "INBOX").uidNext == 4)
        for refused in [[Self.message(uid: 3)], [Self.message(uid: 5), Self.message(uid: 5)], [Self.message(uid: 1)]] {
            await #expect(throws: MailIndexError(kind: .uidOutOfOrder, mailbox: "INBOX")) {
                try await index.append(refused, to: "INBOX")
            }
        }
        #expect(try await index.messages(in: "INBOX").map(\.uid) == [1, 2, 3])
        let beforeExpunge = try await index.status(of: "INBOX").highestModseq
        let expunged = try await index.expunge(in: "INBOX", uids: [3, 2, 99])
        #expect(expunged.removed.map(\.uid) == [2, 3])
        #expect(expunged.modseq == beforeExpunge + 1)
        let status = try await index.status(of: "INBOX")
        #expect(status.highestModseq == beforeExpunge + 1)
        #expect(try await index.expunged(in: "INBOX", after: beforeExpunge) == [2, 3])
        #expect(try await index.expunged(in: "INBOX", after: status.highestModseq).isEmpty)
        #expect(try await index.append([Self.message(uid: 7)], to: "INBOX").uidNext == 8)
        #expect(try await index.messages(in: "INBOX").map(\.uid) == [1, 7])
        #expect(try await index.messages(in: "INBOX", uidRanges: [7...9, 1...1, 1...2]).map(\.uid) == [1, 7])
        await #expect(throws: MailIndexError(kind: .mailboxNotFound, mailbox: "Nope")) {
            try await index.append([Self.message(uid: 1)], to: "Nope")
        }
    }

    @Test("flags: add, remove, replace; unchanged messages keep their modseq; UNCHANGEDSINCE reports MODIFIED")
    func flags() async throws {
        let index = try MailIndex(path: try Self.temporaryIndexPath())
        try await index.createMailbox(named: "INBOX")
        _ = try await index.append([Self.message(uid: 1), Self.message(uid: 2), Self.message(uid: 3)], to: "INBOX")
        let appended = try await index.status(of: "INBOX").highestModseq

        let seen = try await index.updateFlags(in: "INBOX", uids: [1, 2], .add, FlagSet(system: .seen, keywords: ["$Work"]))
        #expect(seen.updated.map(\.uid) == [1, 2])
        #expect(seen.updated.allSatisfy { $0.modseq == appended + 1 })
        let again = try await index.updateFlags(in: "INBOX", uids: [1], .add, FlagSet(system: .seen))
        #expect(again.updated.isEmpty)
        #expect(try await index.status(of: "INBOX").highestModseq == appended + 1)

        // Message 1 changed at appended+1; with UNCHANGEDSINCE appended it must be refused.
        let guarded = try await index.updateFlags(in: "INBOX", uids: [1, 3], .replace, FlagSet(system: .flagged),
                                                  unchangedSince: appended)
        #expect(guarded.modified == [1])
        #expect(guarded.updated.map(\.uid) == [3])
        let removed = try await index.updateFlags(in: "INBOX", uids: [2], .remove, FlagSet(keywords: ["$Work"]))
        #expect(removed.updated.first?.flags == FlagSet(system: .seen))

        let messages = try await index.messages(in: "INBOX")
        #expect(messages.map(\.flags) == [FlagSet(system: .seen, keywords: ["$Work"]), FlagSet(system: .seen),
                                          FlagSet(system: .flagged)])
        let status = try await index.status(of: "INBOX")
        #expect(status.messages == 3)
        #expect(status.unseen == 1)
        #expect(status.size == 3 * 103)
        #expect(status.highestModseq == appended + 3)
    }

    @Test("a second handle on the same file sees committed changes (the index survives reopening)")
    func reopen() async throws {
        let path = try Self.temporaryIndexPath()
        let first = try MailIndex(path: path)
        let box = try await first.createMailbox(named: "INBOX")
        _ = try await first.append([Self.message(uid: 1, flags: FlagSet(system: .draft))], to: "INBOX")
        let second = try MailIndex(path: path)
        #expect(try await second.mailbox(named: "INBOX")?.guid == box.guid)
        #expect(try await second.messages(in: "INBOX").first?.flags.system == .draft)
    }
}
