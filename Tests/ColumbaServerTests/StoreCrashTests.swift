import Foundation
import MailStore
import MailTesting
import Testing

@Suite("Storage crash safety")
struct StoreCrashTests {
    /// What the killed writers were told, across all runs.
    private struct Ledger {
        var appended: [UInt32: (seed: UInt64, counter: UInt64)] = [:]
        var expungeStarted: Set<UInt32> = []
        var expunged: Set<UInt32> = []
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

    @Test("SIGKILL at random points while appending, copying and expunging: every acknowledged message survives byte for byte, no UID repeats, nothing half-written shows, the index opens (or is rebuilt) without loss")
    func killedWriter() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("columba-crash-\(UUID().uuidString)").path
        let writer = ServerProcess.executableURL.deletingLastPathComponent().appendingPathComponent("MailStoreTorture")
        var ledger = Ledger()
        var delays = SplitMix64(state: 20_261_129)
        for run in 1...30 {
            let output = try await Self.runAndKill(writer, home: home, seed: UInt64(run),
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
            }
            try await Self.verify(home: home, ledger: &ledger)
        }
        #expect(ledger.appended.count >= 30, "the writers got too little done to prove anything")
        #expect(!ledger.expunged.isEmpty)
    }

    /// Starts the writer, kills it with SIGKILL after `delay`, and returns the lines it printed.
    private static func runAndKill(_ writer: URL, home: String, seed: UInt64, after delay: Duration) async throws -> String {
        let process = Process()
        process.executableURL = writer
        process.arguments = [home, String(seed)]
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
        for uid in ledger.expunged {
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
