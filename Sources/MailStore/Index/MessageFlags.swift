/// The IMAP system flags of a message (RFC 9051 §2.3.2); `\Recent` is a session property and
/// not stored.
public struct MessageFlags: OptionSet, Hashable, Sendable {
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    public static let answered = MessageFlags(rawValue: 0x01)
    public static let flagged = MessageFlags(rawValue: 0x02)
    public static let deleted = MessageFlags(rawValue: 0x04)
    public static let seen = MessageFlags(rawValue: 0x08)
    public static let draft = MessageFlags(rawValue: 0x10)

    /// The flags with their IMAP names, in the order IMAP lists them.
    static let names: [(MessageFlags, String)] = [
        (.answered, "\\Answered"), (.flagged, "\\Flagged"), (.deleted, "\\Deleted"), (.seen, "\\Seen"), (.draft, "\\Draft"),
    ]
}

/// A message's flags: system flags plus keywords.
public struct FlagSet: Hashable, Sendable {
    public var system: MessageFlags
    /// Keywords as the client wrote them.
    public var keywords: Set<String>

    public init(system: MessageFlags = [], keywords: Set<String> = []) {
        self.system = system
        self.keywords = keywords
    }

    /// The IMAP names of the flags: system flags in IMAP's order, then keywords sorted.
    public var imapNames: [String] {
        MessageFlags.names.filter { system.contains($0.0) }.map(\.1) + keywords.sorted()
    }

    /// Keywords in a stable order, for storage.
    var storedKeywords: String { keywords.sorted().joined(separator: " ") }

    init(system: Int, storedKeywords: String) {
        self.system = MessageFlags(rawValue: system)
        self.keywords = Set(storedKeywords.split(separator: " ").map(String.init))
    }
}

/// How STORE changes flags (RFC 9051 §6.4.6).
public enum FlagOperation: Sendable {
    /// `FLAGS`: replace.
    case replace
    /// `+FLAGS`: add.
    case add
    /// `-FLAGS`: remove.
    case remove

    /// `current` after applying `change` this way.
    func apply(_ change: FlagSet, to current: FlagSet) -> FlagSet {
        switch self {
        case .replace:
            return change
        case .add:
            return FlagSet(system: current.system.union(change.system), keywords: current.keywords.union(change.keywords))
        case .remove:
            return FlagSet(system: current.system.subtracting(change.system),
                           keywords: current.keywords.subtracting(change.keywords))
        }
    }
}
