/// A LIST pattern (RFC 9051 §6.3.9): `*` matches any run of characters, `%` any run without the
/// hierarchy separator; everything else matches itself, except that a first level spelled
/// INBOX in any case means INBOX.
struct MailboxPattern: Hashable, Sendable {
    /// Longest pattern accepted, in characters: matching costs pattern × name length.
    static let maximumLength = 1024

    private enum Element: Hashable {
        case scalar(Unicode.Scalar)
        case any
        case anyWithinLevel
    }

    private let elements: [Element]

    /// The pattern for `reference` and `pattern` of LIST: the reference is a prefix (RFC 9051
    /// §6.3.9), unless the pattern is empty or already starts at the root.
    /// Returns nil when the result is longer than ``maximumLength``.
    init?(reference: String, pattern: String) {
        let joined = reference.isEmpty || pattern.hasPrefix("/") ? pattern : reference + pattern
        let text = MailboxPattern.canonicalInbox(joined)
        guard text.unicodeScalars.count <= Self.maximumLength else { return nil }
        var elements: [Element] = []
        for scalar in text.unicodeScalars {
            switch scalar {
            case "*":
                // "*%" and "**" match what "*" matches.
                while elements.last == .any || elements.last == .anyWithinLevel { elements.removeLast() }
                elements.append(.any)
            case "%":
                if elements.last != .any, elements.last != .anyWithinLevel { elements.append(.anyWithinLevel) }
            default:
                elements.append(.scalar(scalar))
            }
        }
        self.elements = elements
    }

    /// `name` with its first level written `INBOX` if it is INBOX in any case.
    static func canonicalInbox(_ name: String) -> String {
        let first = name.prefix { $0 != "/" }
        guard first.uppercased() == "INBOX", first != "INBOX" else { return name }
        return "INBOX" + name.dropFirst(first.count)
    }

    /// Whether the pattern matches all of `name`.
    func matches(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        // matched[j]: the elements so far match the first j scalars of the name.
        var matched = [Bool](repeating: false, count: scalars.count + 1)
        matched[0] = true
        for element in elements {
            var next = [Bool](repeating: false, count: scalars.count + 1)
            switch element {
            case .scalar(let scalar):
                for index in 0..<scalars.count where matched[index] && scalars[index] == scalar {
                    next[index + 1] = true
                }
            case .any:
                var reached = false
                for index in 0...scalars.count {
                    reached = reached || matched[index]
                    next[index] = reached
                }
            case .anyWithinLevel:
                var reached = false
                for index in 0...scalars.count {
                    if matched[index] { reached = true }
                    next[index] = reached
                    if index < scalars.count, scalars[index] == "/" { reached = false }
                }
            }
            matched = next
        }
        return matched[scalars.count]
    }
}
