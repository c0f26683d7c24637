// MailStore throughput, in process. Usage:
//   MailStoreBenchmark append HOME SIZE COUNT [FSYNC [FORMAT]]  one message per append (as LMTP/IMAP APPEND do)
//   MailStoreBenchmark populate HOME SIZE COUNT [FORMAT]        batches of 500, fsync never (setup only)
//   MailStoreBenchmark fetch-flags HOME                         open the store, read every message's flags
//   MailStoreBenchmark search-text HOME NEEDLE                  SEARCH TEXT over INBOX
// FSYNC is always, optimized (default) or never; FORMAT sdbox (default) or mdbox, for a new
// home (an existing one keeps its own). Messages are text with headers and a body of SIZE
// bytes in total, every one different. Prints one line: the measurement.
import FS
import Foundation
import MailStore

func message(_ number: Int, size: Int) -> [UInt8] {
    var text = "From: Sender \(number % 97) <sender\(number % 97)@example.org>\r\nTo: bench@example.test\r\n"
        + "Subject: benchmark message \(number)\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\n"
        + "Message-ID: <\(number).bench@example.org>\r\n\r\n"
    let words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"]
    var index = number
    while text.utf8.count < size - 2 {
        text += words[index % words.count]
        text += index % 12 == 0 ? "\r\n" : " "
        index = (index &* 1_103_515_245 &+ 12_345) & 0x7fff_ffff
    }
    return Array((text + "\r\n").utf8)
}

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func format(_ arguments: [String], at position: Int) -> MailStorageFormat {
    arguments.count > position ? MailStorageFormat(rawValue: arguments[position]) ?? .sdbox : .sdbox
}

func fsyncPolicy(_ name: String) -> FsyncPolicy {
    switch name {
    case "always": .always
    case "never": .never
    default: .optimized
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: MailStoreBenchmark append|populate|fetch-flags|search-text HOME ...")
    exit(2)
}
let home = arguments[2]
switch arguments[1] {
case "append" where arguments.count >= 5:
    let size = Int(arguments[3])!
    let count = Int(arguments[4])!
    let options = MailStorageOptions(format: format(arguments, at: 6),
                                     fsync: fsyncPolicy(arguments.count > 5 ? arguments[5] : "optimized"))
    let store = try await UserMailStore.open(home: home, options: options)
    let messages = (0..<count).map { message($0, size: size) }
    let elapsed = try await seconds {
        for bytes in messages { _ = try await store.save(bytes) }
    }
    print(String(format: "append %d x %d bytes: %.1f msg/s, %.2f MB/s (%.2f s)", count, size,
                 Double(count) / elapsed, Double(count * size) / elapsed / 1e6, elapsed))
case "populate" where arguments.count >= 5:
    let size = Int(arguments[3])!
    let count = Int(arguments[4])!
    let store = try await UserMailStore.open(home: home, options: MailStorageOptions(format: format(arguments, at: 5), fsync: .never))
    var start = 0
    let elapsed = try await seconds {
        while start < count {
            let batch = (start..<min(start + 500, count)).map { MessageToAppend(bytes: message($0, size: size)) }
            _ = try await store.append(batch, to: "INBOX")
            start += batch.count
        }
    }
    print(String(format: "populate %d messages: %.2f s", count, elapsed))
case "fetch-flags":
    var flagged = 0
    var count = 0
    let elapsed = try await seconds {
        let store = try await UserMailStore.open(home: home)
        let records = try await store.messages(in: "INBOX")
        count = records.count
        flagged = records.filter { !$0.flags.system.isEmpty }.count
    }
    print(String(format: "open + fetch flags of %d messages: %.3f s (%d with flags)", count, elapsed, flagged))
case "search-text" where arguments.count >= 4:
    var found = 0
    let elapsed = try await seconds {
        let store = try await UserMailStore.open(home: home)
        found = try await store.search(in: "INBOX", .text(arguments[3])).count
    }
    print(String(format: "search text %@: %d found in %.3f s", arguments[3], found, elapsed))
default:
    print("usage: MailStoreBenchmark append|populate|fetch-flags|search-text HOME ...")
    exit(2)
}
