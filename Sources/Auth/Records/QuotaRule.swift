/// One Dovecot quota rule, `mailbox:storage=1G:messages=1000`.
struct QuotaRule: Hashable {
    var storageBytes: Int64?
    var messages: Int64?

    /// Parses a rule; sizes take `B`/`k`/`M`/`G`/`T` suffixes, and `storage=` without a
    /// suffix counts kilobytes as Dovecot does.
    init?(_ text: String) {
        let parts = text.split(separator: ":").map(String.init)
        guard parts.first?.isEmpty == false else { return nil }
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { return nil }
            let key = part[..<equals].lowercased()
            let value = String(part[part.index(after: equals)...])
            switch key {
            case "storage":
                guard let bytes = Self.size(value, defaultUnit: 1024) else { return nil }
                storageBytes = bytes
            case "bytes":
                guard let bytes = Self.size(value, defaultUnit: 1) else { return nil }
                storageBytes = bytes
            case "messages":
                guard let count = Int64(value) else { return nil }
                messages = count
            default: continue
            }
        }
    }

    private static func size(_ text: String, defaultUnit: Int64) -> Int64? {
        guard let last = text.last else { return nil }
        let units: [Character: Int64] = ["b": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40]
        if let unit = units[Character(last.lowercased())] {
            return Int64(text.dropLast()).map { $0 * unit }
        }
        return Int64(text).map { $0 * defaultUnit }
    }
}
