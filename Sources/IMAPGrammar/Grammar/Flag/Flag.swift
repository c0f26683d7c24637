import struct NIOCore.ByteBuffer

/// A message flag (RFC 9051 §2.3.2): a system flag, a keyword, or a `\`-prefixed extension.
public enum Flag: Hashable, Sendable {
    case answered
    case flagged
    case deleted
    case seen
    case draft
    /// A keyword such as `$Forwarded` or `NonJunk` (`flag-keyword = atom`).
    case keyword(String)
    /// `flag-extension = "\" atom`, for example `\Recent`; stored with its backslash.
    case `extension`(String)

    /// Builds a flag from its wire text, recognising system flags case-insensitively.
    public init(_ text: String) {
        switch text.uppercased() {
        case "\\ANSWERED": self = .answered
        case "\\FLAGGED": self = .flagged
        case "\\DELETED": self = .deleted
        case "\\SEEN": self = .seen
        case "\\DRAFT": self = .draft
        default: self = text.hasPrefix("\\") ? .extension(text) : .keyword(text)
        }
    }

    /// The flag's wire text.
    public var text: String {
        switch self {
        case .answered: return "\\Answered"
        case .flagged: return "\\Flagged"
        case .deleted: return "\\Deleted"
        case .seen: return "\\Seen"
        case .draft: return "\\Draft"
        case .keyword(let keyword): return keyword
        case .extension(let name): return name
        }
    }
}

// MARK: - Encoding

extension EncodeBuffer {
    public mutating func writeFlag(_ flag: Flag) {
        writeRaw(flag.text)
    }

    /// `flag-list = "(" [flag *(SP flag)] ")"`.
    public mutating func writeFlags(_ flags: [Flag]) {
        writeList(flags) { $0.writeFlag($1) }
    }
}
