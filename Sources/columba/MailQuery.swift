import ArgumentParser
import Foundation
import IMAPGrammar
import IMAPServer
import MailStore
import NIOCore

/// A doveadm-style search query from the command line: IMAP SEARCH keys (`seen`, `uid 1:5`,
/// `from alice`, `or seen flagged`, `since 1-Mar-2024` or `since 2024-03-01`, ...) plus
/// `mailbox NAME` (repeatable; every mailbox when absent).
struct MailQuery {
    var mailboxes: [String]
    var key: SearchKey
    /// Whether any search key was given (besides `mailbox NAME`); without one the key is ALL.
    var hasKeys: Bool

    init(_ arguments: [String]) throws {
        var mailboxes: [String] = []
        var keys: [String] = []
        var index = 0
        while index < arguments.count {
            if arguments[index].lowercased() == "mailbox" {
                guard index + 1 < arguments.count else { throw ValidationError("mailbox needs a name") }
                mailboxes.append(arguments[index + 1])
                index += 2
            } else {
                keys.append(Self.imapWord(arguments[index]))
                index += 1
            }
        }
        self.mailboxes = mailboxes
        self.hasKeys = !keys.isEmpty
        var line = ByteBuffer(string: "q UID SEARCH \(keys.isEmpty ? "ALL" : keys.joined(separator: " "))\r\n")
        let parsed: TaggedCommand?
        do {
            parsed = try CommandParser.parseCommand(from: &line)
        } catch {
            throw ValidationError("invalid search query: \(error.kind)")
        }
        guard case .uidSearch(let search)? = parsed?.command else {
            throw ValidationError("invalid search query: \(arguments.joined(separator: " "))")
        }
        self.key = search.key
    }

    /// The store query for messages of a mailbox whose UIDs are `uids` (sequence numbers count
    /// from its first message).
    func query(uids: [UInt32]) -> SearchQuery {
        SearchQuery(key, scope: SearchScope(uids: uids))
    }

    /// One command-line word as IMAP: `2024-03-01` becomes `1-Mar-2024`, words with spaces or
    /// quotes become quoted strings, anything else passes as it is.
    private static func imapWord(_ word: String) -> String {
        let parts = word.split(separator: "-")
        if parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
           (1...12).contains(month) {
            let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            return "\(day)-\(names[month - 1])-\(year)"
        }
        guard word.isEmpty || word.contains(where: { " \"\\".contains($0) }) else { return word }
        return "\"" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// The messages a query selects: mailbox by mailbox, in UID order.
/// - Parameter withStructure: read the cached ENVELOPE and BODYSTRUCTURE too.
func selectMessages(_ store: UserMailStore, _ query: MailQuery,
                    withStructure: Bool = false) async throws -> [(mailbox: MailboxRecord, message: MessageRecord)] {
    let all = try await store.mailboxes()
    let wanted = query.mailboxes.isEmpty ? all : try query.mailboxes.map { name in
        guard let mailbox = all.first(where: { $0.name == UserMailStore.canonicalName(name) }) else {
            throw ValidationError("mailbox \(name) doesn't exist")
        }
        return mailbox
    }
    var selected: [(mailbox: MailboxRecord, message: MessageRecord)] = []
    for mailbox in wanted {
        let records = try await store.messages(in: mailbox.name, withStructure: withStructure)
        selected += try await store.search(query.query(uids: records.map(\.uid)), among: records, in: mailbox.name).map { (mailbox, $0) }
    }
    return selected
}
