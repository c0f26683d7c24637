/// A set of IMAP flags as imap4flags keeps it (RFC 5232 §3): strings split at spaces, each flag
/// once whatever its case, in the order first seen.
struct FlagList {
    private(set) var flags: [String] = []

    init(_ strings: [String] = []) {
        add(strings)
    }

    mutating func add(_ strings: [String]) {
        for flag in strings.flatMap({ $0.split(separator: " ").map(String.init) })
        where !flags.contains(where: { $0.lowercased() == flag.lowercased() }) {
            flags.append(flag)
        }
    }

    mutating func remove(_ strings: [String]) {
        let removed = Set(strings.flatMap { $0.split(separator: " ").map { $0.lowercased() } })
        flags.removeAll { removed.contains($0.lowercased()) }
    }
}
