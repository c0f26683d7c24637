import Foundation
import MailTesting
import Testing

@testable import MailStore

@Suite("Storage crash safety")
struct StoreCrashTests {
    /// What the killed writers were told, across all runs.
    private struct Ledger {
        var appended: [UInt32: (seed: UInt64, counter: UInt64)] = [:]
        var expungeStarted: Set<UInt32> = []
        var expunged: Set<UInt32> = []
        /// Expunged multi-dbox messages whose records were not purged when the index was lost:
        /// a rebuild from the files alone may bring them back, whole.
        var mayReturn: Set<UInt32> = []
        var highestAppended: UInt32 = 0
        /// Messages regenerated so far, by seed and counter.
        var expected: [String: [UInt8]] = [:]
        /// Stored messages already read back whole (`mailbox GUID/UID/message GUID`): a committed
        /// file never changes, so each is read once, and again after the index was rebuilt.
        var verified: Set<String> = []

        mutating func message(seed: UInt64, counter: UInt64) -> [UInt8] {
            let key = "\(seed) \(counter)"
            if let known = expected[key] { return known }
            let made = TortureMessage.make(seed: seed, counter: counter)
            expected[key] = made
            return made
        }
    }

    private static let writer = ServerProcess.executableURL.deletingLastPathComponent().appendingPathComponent("MailStoreTorture")

    @Test("SIGKILL at random points while appending, copying and expunging: every acknowledged message survives byte for byte, no UID repeats, nothing half-written shows, the index opens (or is rebuilt) without loss",
          arguments: MailStorageFormat.allCases)
    func killedWriter(format: MailStorageFormat) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("columba-crash-\(UUID().uuidString)").path
        var ledger = Ledger()
        var delays = SplitMix64(state: 20_261_129)
        for run in 1...30 {
            let output = try await Self.runAndKill(Self.writer, arguments: [home, String(run), format.rawValue],
                                                   after: .milliseconds(40 + Int(delays.next() % 460)))
            for line in output.split(separator: "\n") {
                let fields = line.split(separator: " ")
                switch fields.first {
                case "A":
                    let uid = try #require(UInt32(fields[1]))
                    #expect(uid > ledger.highestAppended, "UID \(uid) acknowledged after \(ledger.highestAppended)")
                    ledger.highestAppended = max(ledger.highestAppended, uid)
                    ledger.appended[uid] = (try #require(UInt64(fields[2])), try #require(UInt64(fields[3])))
                case "X": ledger.expungeStarted.insert(try #require(UInt32(fields[1])))
                case "E": ledger.expunged.insert(try #require(UInt32(fields[1])))
                default: continue
                }
            }
            if run.isMultiple(of: 10) {
                // Lose the index now and then: the next open must rebuild it from the files.
                for suffix in ["", "-wal", "-shm"] {
                    try? FileManager.default.removeItem(atPath: "\(home)/index.db\(suffix)")
                }
                ledger.verified = []
                if format == .mdbox { ledger.mayReturn.formUnion(ledger.expungeStarted) }
            }
            try await Self.verify(home: home, ledger: &ledger)
        }
        #expect(ledger.appended.count >= 30, "the writers got too little done to prove anything")
        #expect(!ledger.expunged.isEmpty)
    }

    @Test("SIGKILL at random points while expunging and purging a multi-dbox home: every message not expunged survives byte for byte, none is listed twice, and the next purge cleans up")
    func killedPurge() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("columba-purge-crash-\(UUID().uuidString)").path
        var ledger = Ledger()
        do {
            let options = MailStorageOptions(format: .mdbox, mdboxRotateSize: 256 * 1024)
            let store = try await UserMailStore.open(home: home, options: options)
            for batch in 0..<UInt64(20) {
                let counters = (batch * 20)..<(batch * 20 + 20)
                let result = try await store.append(counters.map { MessageToAppend(bytes: ledger.message(seed: 0, counter: $0)) },
                                                    to: "INBOX")
                for (uid, counter) in zip(result.uids, counters) { ledger.appended[uid] = (0, counter) }
            }
            // Copies keep some expunged messages' records referenced, so purge must move them too.
            try await store.createMailbox(named: "Archive")
            _ = try await store.copy(uids: Array(1...40), from: "INBOX", to: "Archive")
        }
        var delays = SplitMix64(state: 20_261_130)
        var purges = 0
        for run in 1...20 {
            let output = try await Self.runAndKill(Self.writer, arguments: ["purge", home, String(run)],
                                                   after: .milliseconds(30 + Int(delays.next() % 400)))
            for line in output.split(separator: "\n") {
                let fields = line.split(separator: " ")
                switch fields.first {
                case "X": ledger.expungeStarted.insert(try #require(UInt32(fields[1])))
                case "E": ledger.expunged.insert(try #require(UInt32(fields[1])))
                case "P": purges += 1
                default: continue
                }
            }
            try await Self.verify(home: home, ledger: &ledger)
            try await Self.verifyMap(home: home)
        }
        #expect(purges > 0, "no purge finished before its kill")
        #expect(ledger.expunged.count >= 20)
        // A purge that runs to its end leaves no unreferenced record and no stray file.
        let store = try await UserMailStore.open(home: home)
        _ = try await store.purge()
        let entries = try await store.index.mapEntries()
        #expect(entries.allSatisfy { $0.references > 0 })
        let files = try FileManager.default.contentsOfDirectory(atPath: home + "/storage").filter { $0.hasPrefix("m.") }
        #expect(Set(files) == Set(entries.map { "m.\($0.placement.fileID)" }))
        ledger.verified = []
        try await Self.verify(home: home, ledger: &ledger)
    }

    /// Every message row refers to a map entry of its own GUID, no GUID has two entries that are
    /// referenced, and every referenced entry's file exists.
    private static func verifyMap(home: String) async throws {
        let store = try await UserMailStore.open(home: home)
        let entries = Dictionary(uniqueKeysWithValues: try await store.index.mapEntries().map { ($0.mapUID, $0) })
        var referencedByGUID: [GUID128: Set<Int64>] = [:]
        for mailbox in try await store.mailboxes() {
            for record in try await store.messages(in: mailbox.name) {
                let mapUID = try #require(Int64(record.bodyLocation.dropFirst(4)), "\(record.bodyLocation) is not a map location")
                let entry = try #require(entries[mapUID], "\(mailbox.name) UID \(record.uid) refers to a missing map entry")
                #expect(entry.placement.guid == record.guid)
                referencedByGUID[record.guid, default: []].insert(mapUID)
                #expect(FileManager.default.fileExists(atPath: "\(home)/storage/m.\(entry.placement.fileID)"))
            }
        }
        #expect(referencedByGUID.values.allSatisfy { $0.count == 1 }, "a message is stored twice")
    }

    /// Starts the writer, kills it with SIGKILL after `delay`, and returns the lines it printed.
    private static func runAndKill(_ writer: URL, arguments: [String], after delay: Duration) async throws -> String {
        let process = Process()
        process.executableURL = writer
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        try await Task.sleep(for: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        // A line cut by the kill was never fully reported: keep complete lines only.
        let text = String(decoding: bytes, as: UTF8.self)
        guard let lastNewline = text.lastIndex(of: "\n") else { return "" }
        return String(text[...lastNewline])
    }

    private static func verify(home: String, ledger: inout Ledger) async throws {
        let store = try await UserMailStore.open(home: home)
        let records = try await store.messages(in: "INBOX")
        let present = Dictionary(uniqueKeysWithValues: records.map { ($0.uid, $0) })
        let inbox = try await store.mailbox(named: "INBOX")
        for (uid, origin) in ledger.appended where !ledger.expungeStarted.contains(uid) {
            let record = try #require(present[uid], "acknowledged UID \(uid) is missing")
            let key = "\(inbox.guid.hex)/\(uid)/\(record.guid.hex)"
            guard !ledger.verified.contains(key) else { continue }
            #expect(try await store.body(of: record) == ledger.message(seed: origin.seed, counter: origin.counter),
                    "UID \(uid) differs from what was saved")
            ledger.verified.insert(key)
        }
        for uid in ledger.expunged where !ledger.mayReturn.contains(uid) {
            #expect(present[uid] == nil, "expunged UID \(uid) is back")
        }
        // Whatever is visible, acknowledged or not, is a whole message.
        for mailbox in try await store.mailboxes() {
            for record in try await store.messages(in: mailbox.name) {
                let key = "\(mailbox.guid.hex)/\(record.uid)/\(record.guid.hex)"
                guard !ledger.verified.contains(key) else { continue }
                ledger.verified.insert(key)
                let body = try await store.body(of: record)
                let origin = try #require(TortureMessage.origin(of: body), "\(mailbox.name) UID \(record.uid) is not a whole message")
                #expect(body == ledger.message(seed: origin.seed, counter: origin.counter))
            }
        }
    }
}
