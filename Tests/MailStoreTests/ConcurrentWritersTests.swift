import Foundation
import Testing

@testable import MailStore

@Suite("Concurrent writers")
struct ConcurrentWritersTests {
    @Test("several writers on one user (append, flag, copy, expunge) through separate stores: UIDs unique and ascending per writer, modseqs never go back, index and files agree",
          arguments: MailStorageFormat.allCases)
    func severalWriters(format: MailStorageFormat) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("columba-writers-\(UUID().uuidString)").path
        // A small rotation size, so that multi-dbox writers also rotate files under each other.
        let setup = try await UserMailStore.open(home: home, format: format, rotateSize: 4096)
        try await setup.createMailbox(named: "Archive")
        // Separate store instances share nothing in memory, like separate processes: only the
        // save lock file and SQLite keep them apart.
        var stores = [setup]
        for _ in 0..<3 { stores.append(try await UserMailStore.open(home: home, format: format, rotateSize: 4096)) }
        let writers = 8
        let rounds = 12
        let results = try await withThrowingTaskGroup(of: (appended: [UInt32], expunged: [UInt32], copies: Int).self) { group in
            for writer in 0..<writers {
                let store = stores[writer % stores.count]
                group.addTask {
                    var appended: [UInt32] = []
                    var expunged: [UInt32] = []
                    var copies = 0
                    var lastModseq: UInt64 = 0
                    for round in 0..<rounds {
                        let messages = (0..<2).map {
                            MessageToAppend(bytes: Array("Subject: \(writer)-\(round)-\($0)\r\n\r\nbody\r\n".utf8))
                        }
                        let result = try await store.append(messages, to: "INBOX")
                        #expect(result.uids.count == 2 && result.uids[1] == result.uids[0] + 1)
                        #expect(appended.last.map { result.uids[0] > $0 } ?? true, "UIDs went back for writer \(writer)")
                        appended += result.uids
                        _ = try await store.updateFlags(in: "INBOX", uids: [result.uids[0]], .add, FlagSet(system: .seen))
                        copies += try await store.copy(uids: [result.uids[0]], from: "INBOX", to: "Archive").pairs.count
                        if round % 3 == 0 {
                            expunged += try await store.expunge(in: "INBOX", uids: [result.uids[1]])
                        }
                        let modseq = try await store.status(of: "INBOX").highestModseq
                        #expect(modseq > lastModseq, "HIGHESTMODSEQ went back for writer \(writer)")
                        lastModseq = modseq
                    }
                    return (appended, expunged, copies)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let appended = results.flatMap(\.appended)
        let expunged = Set(results.flatMap(\.expunged))
        #expect(Set(appended).count == writers * rounds * 2)
        #expect(appended.sorted() == Array(1...UInt32(writers * rounds * 2)))
        #expect(expunged.count == writers * ((rounds + 2) / 3))

        let inbox = try await setup.messages(in: "INBOX")
        #expect(inbox.map(\.uid) == appended.filter { !expunged.contains($0) }.sorted())
        let archive = try await setup.messages(in: "Archive")
        #expect(archive.count == results.map(\.copies).reduce(0, +))
        #expect(archive.map(\.uid) == Array(1...UInt32(archive.count)))
        let status = try await setup.status(of: "INBOX")
        #expect(inbox.allSatisfy { $0.modseq <= status.highestModseq })
        #expect(status.uidNext == UInt32(writers * rounds * 2 + 1))
        // Every message's file (or record) is there and whole; nothing is left without its message.
        if format == .mdbox {
            // One record per append; the copies refer to their originals' records, the expunged
            // messages' records wait unreferenced for purge.
            let entries = try await setup.index.mapEntries()
            #expect(entries.count == writers * rounds * 2)
            #expect(entries.map(\.references).reduce(0, +) == inbox.count + archive.count)
            #expect(entries.filter { $0.references == 0 }.count == expunged.count)
            #expect(try storageFiles(home).count > 1, "4 KiB files must have rotated")
        }
        for (name, records) in [("INBOX", inbox), ("Archive", archive)] {
            if format == .sdbox {
                let mailbox = try await setup.mailbox(named: name)
                let files = try FileManager.default.contentsOfDirectory(atPath: "\(home)/mailboxes/\(mailbox.guid.hex)")
                    .filter { $0.hasPrefix("u.") }
                #expect(files.count == records.count, "\(name): \(files.count) files for \(records.count) messages")
            }
            for record in records {
                let body = String(decoding: try await setup.body(of: record), as: UTF8.self)
                #expect(body.hasPrefix("Subject: "))
            }
        }
    }
}
