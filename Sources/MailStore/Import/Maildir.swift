import Foundation

/// The pieces of a Dovecot Maildir++ directory that an import needs, parsed without I/O.
///
/// A message file is `new/<base>` or `cur/<base>:2,<flags>`; `<base>` may carry `,S=<size>` and
/// `,W=<vsize>`. Flag letters: `D` draft, `F` flagged, `P` passed, `R` replied, `S` seen,
/// `T` trashed, and `a`...`z` the keywords numbered 0...25 in `dovecot-keywords`. Dovecot keeps
/// UIDs in `dovecot-uidlist` and the internal date as the file's modification time.
public enum Maildir {
    /// A message file name split into its base (what `dovecot-uidlist` records) and flag letters.
    public static func splitFileName(_ name: String) -> (base: String, flags: String) {
        guard let colon = name.range(of: ":2,", options: .backwards) else { return (name, "") }
        return (String(name[..<colon.lowerBound]), String(name[colon.upperBound...]))
    }

    /// The flags the letters stand for; `P` becomes the `$Forwarded` keyword.
    public static func flags(letters: String, keywords: [Int: String]) -> FlagSet {
        var flags = FlagSet()
        for letter in letters.unicodeScalars {
            switch letter {
            case "D": flags.system.insert(.draft)
            case "F": flags.system.insert(.flagged)
            case "P": flags.keywords.insert("$Forwarded")
            case "R": flags.system.insert(.answered)
            case "S": flags.system.insert(.seen)
            case "T": flags.system.insert(.deleted)
            case "a"..."z":
                if let keyword = keywords[Int(letter.value - 97)] { flags.keywords.insert(keyword) }
            default: continue
            }
        }
        return flags
    }

    /// `dovecot-keywords`: `<number> <keyword>` per line.
    public static func parseKeywords(_ text: String) -> [Int: String] {
        var keywords: [Int: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: " ", maxSplits: 1)
            if fields.count == 2, let number = Int(fields[0]), (0..<26).contains(number) {
                keywords[number] = String(fields[1])
            }
        }
        return keywords
    }

    /// `dovecot-uidlist` (version 3): the header `3 V<uidvalidity> N<nextuid> ...`, then
    /// `<uid> [fields] :<base>` per message.
    public struct UIDList: Hashable, Sendable {
        public var uidValidity: UInt32
        public var nextUID: UInt32
        /// UID by file base name.
        public var uids: [String: UInt32]

        /// `nil` when the header is not a version-3 header with V and N.
        public init?(parsing text: String) {
            var lines = text.split(whereSeparator: \.isNewline)[...]
            guard let header = lines.popFirst() else { return nil }
            let fields = header.split(separator: " ")
            guard fields.first == "3" else { return nil }
            var validity: UInt32?
            var next: UInt32?
            for field in fields.dropFirst() {
                if field.hasPrefix("V") { validity = UInt32(field.dropFirst()) }
                if field.hasPrefix("N") { next = UInt32(field.dropFirst()) }
            }
            guard let validity, let next else { return nil }
            var uids: [String: UInt32] = [:]
            for line in lines {
                guard let colon = line.firstIndex(of: ":"),
                      let uid = UInt32(line[..<colon].split(separator: " ").first ?? "") else { continue }
                uids[String(line[line.index(after: colon)...])] = uid
            }
            self.uidValidity = validity
            self.nextUID = next
            self.uids = uids
        }
    }

    /// The mailbox name of a Maildir++ folder directory (`.Work.2024` → `Work/2024`), given a
    /// decoder for the modified UTF-7 Dovecot writes; `nil` for directories that are not folders.
    public static func mailboxName(directory: String, decode: (String) -> String?) -> String? {
        guard directory.hasPrefix("."), directory.count > 1, directory != ".." else { return nil }
        let levels = directory.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        guard !levels.contains(where: \.isEmpty) else { return nil }
        let decoded = levels.map { decode(String($0)) }
        guard !decoded.contains(where: { $0 == nil }) else { return nil }
        return decoded.compactMap { $0 }.joined(separator: "/")
    }
}
