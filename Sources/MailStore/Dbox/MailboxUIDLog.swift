/// The file `mailboxes/<mailbox GUID>/dbox-uidlog` of a multi-dbox mailbox: what a rebuild
/// without the index cannot learn from the storage files.
///
/// Each record names the mailbox and UID it was saved with. This log adds the messages copied
/// or moved into the mailbox since (`+<uid> <message GUID>;`) and the UIDs expunged from it
/// (`-<uid set>;`, ranges as in IMAP: `3,7:9`). An entry is appended, and synced as the fsync
/// policy says, after the index commit of the copy or expunge it records, so it never names a
/// UID the index did not give; purge rewrites the log with only what still matters.
///
/// Every entry ends with `;`. An append starts with a line feed, so a torn append (a crash in
/// the middle of the write) leaves a line without its `;` that the next entry ends and the
/// parser skips, instead of a shorter UID set that would expunge the wrong messages.
/// ```
/// +12 6f0c2f2a0d4b5e67a1b2c3d4e5f60718;
/// -1:4,9;
/// ```
struct MailboxUIDLog: Hashable, Sendable {
    /// The file's name inside the mailbox's directory.
    static let fileName = "dbox-uidlog"

    /// The messages copied or moved into the mailbox, by UID, expunged since or not.
    private var copies: [UInt32: GUID128] = [:]
    /// The expunged UIDs: ascending, disjoint and not adjacent.
    private var expunged: [ClosedRange<UInt32>] = []
    /// The highest UID any entry names.
    private(set) var highestUID: UInt32 = 0

    /// Reads a log, skipping empty lines, torn entries and anything else it does not recognise.
    init(parsing bytes: [UInt8]) {
        var expunged: [ClosedRange<UInt32>] = []
        for line in bytes.split(separator: 0x0A) {
            guard line.count > 2, line.last == UInt8(ascii: ";") else { continue }
            let entry = String(decoding: line.dropFirst().dropLast(), as: UTF8.self)
            switch line.first {
            case UInt8(ascii: "+"):
                let fields = entry.split(separator: " ", omittingEmptySubsequences: false)
                guard fields.count == 2, let uid = UInt32(fields[0]), uid > 0, let guid = GUID128(hex: String(fields[1])) else { continue }
                copies[uid] = guid
                highestUID = max(highestUID, uid)
            case UInt8(ascii: "-"):
                guard let ranges = Self.parseUIDSet(entry) else { continue }
                expunged += ranges
                highestUID = max(highestUID, ranges.map(\.upperBound).max() ?? 0)
            default:
                continue
            }
        }
        self.expunged = Self.merged(expunged)
    }

    /// The messages copied or moved into the mailbox and not expunged since, by UID. (UIDs are
    /// never given twice, so the order of the entries does not matter.)
    var presentCopies: [UInt32: GUID128] {
        copies.filter { !isExpunged($0.key) }
    }

    /// Whether `uid` was expunged.
    func isExpunged(_ uid: UInt32) -> Bool {
        var low = 0
        var high = expunged.count
        while low < high {
            let middle = (low + high) / 2
            if expunged[middle].upperBound < uid { low = middle + 1 } else { high = middle }
        }
        return low < expunged.count && expunged[low].contains(uid)
    }

    /// The log as purge leaves it, for a mailbox that holds `present` (UID → GUID) and whose
    /// UIDNEXT is `uidNext`: the copies still there, and every other UID below UIDNEXT expunged.
    func compacted(present: [UInt32: GUID128], uidNext: UInt32) -> [UInt8] {
        var text = ""
        for (uid, guid) in presentCopies.sorted(by: { $0.key < $1.key }) where present[uid] == guid {
            text += String(decoding: Self.copyEntry(uid: uid, guid: guid).dropFirst(), as: UTF8.self) + "\n"
        }
        var gaps: [ClosedRange<UInt32>] = []
        var next: UInt32 = 1
        for uid in present.keys.sorted() where uid < uidNext {
            if uid > next { gaps.append(next...(uid - 1)) }
            next = uid + 1
        }
        if uidNext > next { gaps.append(next...(uidNext - 1)) }
        if !gaps.isEmpty {
            text += String(decoding: Self.expungeEntry(gaps).dropFirst(), as: UTF8.self) + "\n"
        }
        return Array(text.utf8)
    }

    /// The bytes to append for a copy.
    static func copyEntry(uid: UInt32, guid: GUID128) -> [UInt8] {
        Array("\n+\(uid) \(guid.hex);".utf8)
    }

    /// The bytes to append for expunged UIDs (not empty).
    static func expungeEntry(_ ranges: [ClosedRange<UInt32>]) -> [UInt8] {
        let set = merged(ranges).map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound):\($0.upperBound)" }
        return Array("\n-\(set.joined(separator: ","));".utf8)
    }

    /// Sorts and joins ranges that overlap or touch.
    static func merged(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, UInt64(range.lowerBound) <= UInt64(last.upperBound) + 1 {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// `3,7:9` as ranges; `nil` when any part is not a UID or a range of UIDs (0 is none).
    private static func parseUIDSet(_ text: String) -> [ClosedRange<UInt32>]? {
        var ranges: [ClosedRange<UInt32>] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: ":", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), let first = UInt32(bounds[0]), first > 0,
                  let last = UInt32(bounds[bounds.count - 1]), last >= first else { return nil }
            ranges.append(first...last)
        }
        return ranges
    }
}
