/// What LIST and LSUB return for a user's mailboxes (RFC 9051 §6.3.9, RFC 5258 LIST-EXTENDED,
/// RFC 6154 SPECIAL-USE). Pure: the mailboxes come in, the lines' content goes out.
///
/// A name that only exists as the parent of other mailboxes (after a DELETE of the parent, or a
/// RENAME into a new hierarchy) is listed when a pattern matches it, as `\NonExistent` for
/// LIST-EXTENDED requests and `\Noselect` for plain ones, always with `\HasChildren`.
struct MailboxListing {
    static let delimiter: Character = "/"

    /// What a LIST asks for, beyond the patterns.
    struct Selection: Hashable {
        /// `SUBSCRIBED` selection: only subscribed mailboxes.
        var subscribedOnly = false
        /// `SPECIAL-USE` selection: only mailboxes with a special use.
        var specialUseOnly = false
        /// `RECURSIVEMATCH`: also parents whose children match, with CHILDINFO.
        var recursiveMatch = false
        /// Add `\Subscribed` (RETURN (SUBSCRIBED), implied by the SUBSCRIBED selection).
        var returnSubscribed = false
        /// The request used LIST-EXTENDED syntax: name non-existent parents `\NonExistent`.
        var extended = false
    }

    /// One LIST line.
    struct Entry: Hashable {
        var name: String
        var attributes: [String]
        var childInfo: [String]
        /// Whether the mailbox exists (and STATUS can be asked of it).
        var exists: Bool
    }

    private let mailboxes: [String: ListedMailbox]
    /// Every name, existing or implied by a child, sorted.
    private let allNames: [String]

    init(_ mailboxes: [ListedMailbox]) {
        var byName: [String: ListedMailbox] = [:]
        var names = Set<String>()
        for mailbox in mailboxes {
            byName[mailbox.name] = mailbox
            var levels = mailbox.name.split(separator: Self.delimiter, omittingEmptySubsequences: false)
            while !levels.isEmpty {
                names.insert(levels.joined(separator: String(Self.delimiter)))
                levels.removeLast()
            }
        }
        self.mailboxes = byName
        self.allNames = names.sorted()
    }

    /// The LIST lines for `patterns` under `selection`, in name order.
    func list(patterns: [MailboxPattern], selection: Selection) -> [Entry] {
        var entries: [Entry] = []
        for name in allNames where patterns.contains(where: { $0.matches(name) }) {
            let mailbox = mailboxes[name]
            let selected: Bool
            if selection.subscribedOnly || selection.specialUseOnly {
                selected = mailbox.map { isSelected($0, selection) } ?? false
            } else {
                selected = true
            }
            var childInfo: [String] = []
            if !selected {
                guard selection.recursiveMatch, selection.subscribedOnly, hasDescendant(of: name, where: { $0.subscribed }) else { continue }
                childInfo = ["SUBSCRIBED"]
            }
            entries.append(Entry(name: name, attributes: attributes(of: name, selection: selection), childInfo: childInfo, exists: mailbox != nil))
        }
        return entries
    }

    /// LSUB: subscribed mailboxes matching `pattern`; a parent that is not subscribed but has
    /// subscribed children the pattern does not reach (`%` ending at its level) is listed
    /// `\Noselect` (RFC 3501 §6.3.9).
    func lsub(pattern: MailboxPattern) -> [Entry] {
        var entries: [Entry] = []
        for name in allNames where pattern.matches(name) {
            if let mailbox = mailboxes[name], mailbox.subscribed {
                entries.append(Entry(name: name, attributes: [], childInfo: [], exists: true))
            } else if hasDescendant(of: name, where: { $0.subscribed && !pattern.matches($0.name) }) {
                entries.append(Entry(name: name, attributes: ["\\Noselect"], childInfo: [], exists: mailboxes[name] != nil))
            }
        }
        return entries
    }

    private func isSelected(_ mailbox: ListedMailbox, _ selection: Selection) -> Bool {
        (!selection.subscribedOnly || mailbox.subscribed) && (!selection.specialUseOnly || !mailbox.specialUse.isEmpty)
    }

    private func attributes(of name: String, selection: Selection) -> [String] {
        var attributes: [String] = []
        let mailbox = mailboxes[name]
        if mailbox == nil { attributes.append(selection.extended ? "\\NonExistent" : "\\Noselect") }
        let hasChildren = hasDescendant(of: name, where: { _ in true })
        attributes.append(hasChildren ? "\\HasChildren" : "\\HasNoChildren")
        if let mailbox {
            if selection.returnSubscribed, mailbox.subscribed { attributes.append("\\Subscribed") }
            attributes += mailbox.specialUse.sorted()
        }
        return attributes
    }

    private func hasDescendant(of name: String, where predicate: (ListedMailbox) -> Bool) -> Bool {
        let prefix = name + String(Self.delimiter)
        return mailboxes.values.contains { $0.name.hasPrefix(prefix) && predicate($0) }
    }
}
