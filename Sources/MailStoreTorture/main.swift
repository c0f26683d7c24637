// Writers for the storage crash tests, killed with SIGKILL at random points by the tests. Each
// reports on standard output what the store acknowledged.
//
//     MailStoreTorture HOME SEED [sdbox|mdbox]   appends, copies, flags and expunges in one user's
//                                                store until killed (a new home in the format given;
//                                                multi-dbox files rotate at 64 KiB)
//     MailStoreTorture purge HOME SEED           expunges a few messages of INBOX and purges, over
//                                                and over (a multi-dbox home; files rotate at 256 KiB)
//
// Lines (each written with one write(2) after the store call returned):
//     ready
//     A <uid> <seed> <counter>     appended to INBOX
//     X <uid>                      about to expunge (it may or may not be gone after a kill)
//     E <uid>                      expunged
//     P <removed>                  a purge finished, having removed that many messages
// Messages are `TortureMessage.make(seed:counter:)`, so the test can check them byte for byte.

import Foundation
import MailStore
import MailTesting

func report(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func usage() -> Never {
    FileHandle.standardError.write(Data("usage: MailStoreTorture HOME SEED [sdbox|mdbox] | MailStoreTorture purge HOME SEED\n".utf8))
    exit(64)
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "purge" {
    guard arguments.count == 3, let seed = UInt64(arguments[2]) else { usage() }
    let store = try await UserMailStore.open(home: arguments[1],
                                             options: MailStorageOptions(format: .mdbox, mdboxRotateSize: 256 * 1024))
    var random = SplitMix64(state: seed)
    report("ready")
    while true {
        var present = try await store.messages(in: "INBOX").map(\.uid)
        for _ in 0..<min(present.count, 1 + Int(random.next() % 4)) {
            let uid = present.remove(at: Int(random.next() % UInt64(present.count)))
            report("X \(uid)")
            _ = try await store.expunge(in: "INBOX", uids: [uid])
            report("E \(uid)")
        }
        report("P \(try await store.purge().messagesRemoved)")
    }
}

guard (2...3).contains(arguments.count), let seed = UInt64(arguments[1]),
      let format = arguments.count == 3 ? MailStorageFormat(rawValue: arguments[2]) : .sdbox else { usage() }
let store = try await UserMailStore.open(home: arguments[0],
                                         options: MailStorageOptions(format: format, mdboxRotateSize: 64 * 1024))
if try await store.index.mailbox(named: "Archive") == nil {
    do {
        try await store.createMailbox(named: "Archive")
    } catch let error as MailIndexError where error.kind == .mailboxExists {}
}
var random = SplitMix64(state: seed)
var mine: [UInt32] = []
var counter: UInt64 = 0
report("ready")
while true {
    switch random.next() % 10 {
    case 0..<6:
        let count = 1 + Int(random.next() % 3)
        let messages = (0..<count).map { offset in
            MessageToAppend(bytes: TortureMessage.make(seed: seed, counter: counter + UInt64(offset)))
        }
        let result = try await store.append(messages, to: "INBOX")
        for (offset, uid) in result.uids.enumerated() {
            report("A \(uid) \(seed) \(counter + UInt64(offset))")
        }
        mine += result.uids
        counter += UInt64(count)
    case 6..<8:
        guard !mine.isEmpty else { continue }
        let uid = mine.remove(at: Int(random.next() % UInt64(mine.count)))
        report("X \(uid)")
        _ = try await store.expunge(in: "INBOX", uids: [uid])
        report("E \(uid)")
    case 8:
        guard let uid = mine.last else { continue }
        _ = try await store.updateFlags(in: "INBOX", uids: [uid], .add, FlagSet(system: .seen))
    default:
        guard let uid = mine.first else { continue }
        _ = try await store.copy(uids: [uid], from: "INBOX", to: "Archive")
    }
}
