/// The small file `mailboxes/<mailbox GUID>/dbox-mailbox` that lets a rebuild recreate a
/// mailbox without the index: its name, UIDVALIDITY, special-use attributes, subscription, and
/// a UIDNEXT no rebuild may go below (the files alone cannot tell it once the newest messages
/// were expunged).
///
/// Rewritten whole (replace at commit) whenever one of these changes. Text, one `key value`
/// per line; names never contain CR or LF (the index refuses them). Unknown keys are ignored so
/// later versions can add some.
/// ```
/// name Archive/2026
/// uidvalidity 1795430400
/// special-use \Archive
/// subscribed 1
/// uidnext 4711
/// ```
public struct MailboxDescriptor: Hashable, Sendable {
    public var name: String
    public var uidValidity: UInt32
    public var specialUse: Set<String>
    public var subscribed: Bool
    /// The mailbox's UIDNEXT when the descriptor was written; UIDs below it were given out.
    public var uidNext: UInt32?

    public init(name: String, uidValidity: UInt32, specialUse: Set<String> = [], subscribed: Bool = false, uidNext: UInt32? = nil) {
        self.name = name
        self.uidValidity = uidValidity
        self.specialUse = specialUse
        self.subscribed = subscribed
        self.uidNext = uidNext
    }

    /// The file's name inside the mailbox's directory.
    public static let fileName = "dbox-mailbox"

    public var encoded: [UInt8] {
        var text = "name \(name)\nuidvalidity \(uidValidity)\n"
        if !specialUse.isEmpty { text += "special-use \(specialUse.sorted().joined(separator: " "))\n" }
        text += "subscribed \(subscribed ? 1 : 0)\n"
        if let uidNext { text += "uidnext \(uidNext)\n" }
        return Array(text.utf8)
    }

    /// Reads a descriptor; `nil` when the name or UIDVALIDITY is missing or malformed.
    public init?(parsing bytes: [UInt8]) {
        var name: String?
        var uidValidity: UInt32?
        var specialUse: Set<String> = []
        var subscribed = false
        var uidNext: UInt32?
        for line in bytes.split(separator: 0x0A) {
            guard let space = line.firstIndex(of: 0x20) else { continue }
            let key = String(decoding: line[line.startIndex..<space], as: UTF8.self)
            let value = String(decoding: line[(space + 1)...], as: UTF8.self)
            switch key {
            case "name": name = value
            case "uidvalidity": uidValidity = UInt32(value)
            case "special-use": specialUse = Set(value.split(separator: " ").map(String.init))
            case "subscribed": subscribed = value == "1"
            case "uidnext": uidNext = UInt32(value)
            default: continue
            }
        }
        guard let name, !name.isEmpty, let uidValidity, uidValidity > 0 else { return nil }
        self.init(name: name, uidValidity: uidValidity, specialUse: specialUse, subscribed: subscribed, uidNext: uidNext)
    }
}
