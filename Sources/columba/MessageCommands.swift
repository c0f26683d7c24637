import ArgumentParser
import Foundation
import MailMessage
import MailStore

/// `columba fetch -u USER FIELDS QUERY...` (like `doveadm fetch`).
struct Fetch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print fields of the messages a search query selects.",
        discussion: """
            FIELDS is a space-separated list of: \(FetchField.allCases.map(\.rawValue).joined(separator: " ")).
            QUERY is IMAP SEARCH keys plus `mailbox NAME` (every mailbox when absent), e.g.
            `columba fetch -u alice 'uid flags' mailbox INBOX unseen since 2024-03-01`.
            Each field prints as `name: value`; hdr, body, text and the imap.* fields print their value
            on the following lines. Messages are separated by a form feed line. Dates are UTC.
            """
    )

    @Option(name: .short, help: "The user.") var user: String
    @Argument(help: "The fields, space-separated.") var fields: String
    @Argument(parsing: .allUnrecognized, help: "The search query.") var query: [String] = []
    @OptionGroup var installation: InstallationOptions

    func run() async throws {
        let fields = try fields.split(separator: " ").map { name in
            guard let field = FetchField(rawValue: name.lowercased()) else {
                throw ValidationError("unknown field \(name); known: \(FetchField.allCases.map(\.rawValue).joined(separator: " "))")
            }
            return field
        }
        let query = try MailQuery(query)
        try await withStore(user, installation) { store in
            var first = true
            let withStructure = fields.contains(.envelope) || fields.contains(.bodyStructure)
            var output: [UInt8] = []
            for (mailbox, message) in try await selectMessages(store, query, withStructure: withStructure) {
                if !first { output += Array("\u{0C}\n".utf8) }
                first = false
                for field in fields {
                    output += try await field.render(message, mailbox: mailbox, store: store)
                }
                // Written in chunks: a write per message costs more than the fetch itself.
                if output.count >= 1 << 16 {
                    FileHandle.standardOutput.write(Data(output))
                    output.removeAll(keepingCapacity: true)
                }
            }
            FileHandle.standardOutput.write(Data(output))
        }
    }
}

/// A field `columba fetch` prints.
enum FetchField: String, CaseIterable {
    case mailbox
    case mailboxGUID = "mailbox-guid"
    case uid
    case guid
    case flags
    case modseq
    case dateReceived = "date.received"
    case dateSaved = "date.saved"
    case dateReceivedUnix = "date.received.unixtime"
    case sizePhysical = "size.physical"
    case sizeVirtual = "size.virtual"
    case hdr
    case body
    case text
    case envelope = "imap.envelope"
    case bodyStructure = "imap.bodystructure"

    func render(_ message: MessageRecord, mailbox: MailboxRecord, store: UserMailStore) async throws -> [UInt8] {
        func line(_ value: String) -> [UInt8] { Array("\(rawValue): \(value)\n".utf8) }
        func block(_ value: [UInt8]) -> [UInt8] {
            Array("\(rawValue):\n".utf8) + value + (value.last == 0x0A ? [] : [0x0A])
        }
        switch self {
        case .mailbox: return line(mailbox.name)
        case .mailboxGUID: return line(mailbox.guid.hex)
        case .uid: return line(String(message.uid))
        case .guid: return line(message.guid.hex)
        case .flags: return line(message.flags.imapNames.joined(separator: " "))
        case .modseq: return line(String(message.modseq))
        case .dateReceived: return line(Self.date(message.internalDate))
        case .dateSaved: return line(Self.date(message.saveDate))
        case .dateReceivedUnix: return line(String(message.internalDate))
        case .sizePhysical: return line(String(message.physicalSize))
        case .sizeVirtual: return line(String(message.virtualSize))
        case .text: return block(try await store.body(of: message))
        case .hdr, .body:
            let bytes = try await store.body(of: message)
            let parsed = MIMEMessage(parsing: bytes)
            let split = parsed.root.bodyRange.lowerBound
            return block(Array(self == .hdr ? bytes[..<split] : bytes[split...]))
        case .envelope:
            if let cached = message.envelope { return block(cached) }
            return block(MIMEMessage(parsing: try await store.body(of: message)).envelope.encoded)
        case .bodyStructure:
            let structure: [UInt8]
            if let cached = message.bodyStructure {
                structure = cached
            } else {
                structure = MIMEMessage(parsing: try await store.body(of: message)).bodyStructure(extended: true)
            }
            return block(Array("(".utf8) + structure + Array(")".utf8))
        }
    }

    /// `YYYY-MM-DD HH:MM:SS` in UTC.
    static func date(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))).replacingOccurrences(of: "T", with: " ")
    }
}

/// `columba search -u USER QUERY...` (like `doveadm search`): prints `mailbox-guid uid` lines.
struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the mailbox GUID and UID of each message a search query selects.",
        discussion: "QUERY is IMAP SEARCH keys plus `mailbox NAME`; see `columba fetch --help`."
    )

    @Option(name: .short, help: "The user.") var user: String
    @Argument(parsing: .allUnrecognized, help: "The search query.") var query: [String] = []
    @OptionGroup var installation: InstallationOptions

    func run() async throws {
        let query = try MailQuery(query)
        let lines = try await withStore(user, installation) { store in
            try await selectMessages(store, query).map { "\($0.mailbox.guid.hex) \($0.message.uid)" }
        }
        for line in lines { print(line) }
    }
}

/// `columba expunge -u USER QUERY...` (like `doveadm expunge`).
struct Expunge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Expunge the messages a search query selects.",
        discussion: "QUERY is IMAP SEARCH keys plus `mailbox NAME`. An empty query is refused: say `all` to expunge everything."
    )

    @Option(name: .short, help: "The user.") var user: String
    @Argument(parsing: .allUnrecognized, help: "The search query.") var query: [String] = []
    @OptionGroup var installation: InstallationOptions

    func run() async throws {
        let query = try MailQuery(query)
        guard query.hasKeys else { throw ValidationError("give a search query (`all` for every message)") }
        let count = try await withStore(user, installation) { store in
            var count = 0
            let selected = try await selectMessages(store, query)
            for mailbox in Set(selected.map(\.mailbox.name)).sorted() {
                let uids = selected.filter { $0.mailbox.name == mailbox }.map(\.message.uid)
                count += try await store.expunge(in: mailbox, uids: uids).count
            }
            return count
        }
        print("expunged=\(count)")
    }
}

/// `columba force-resync -u USER`: rebuild the index from the dbox files.
struct ForceResync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "force-resync",
        abstract: "Rebuild a user's index from the message files, keeping flags where the index still has them.",
        discussion: """
            Messages whose files (or multi-dbox records) exist but that the index lost come back; \
            single-dbox files of messages the index says were expunged are deleted (multi-dbox \
            records of expunged messages are left to purge); unreadable files are reported and left \
            alone. An index SQLite cannot read at all is rebuilt automatically the next time the \
            user's mail is opened.
            """
    )

    @Option(name: .short, help: "The user.") var user: String
    @OptionGroup var installation: InstallationOptions

    func run() async throws {
        let report = try await withStore(user, installation) { try await $0.forceResync() }
        print("mailboxes=\(report.mailboxes) messages=\(report.messages) adopted=\(report.adopted) "
              + "expunged-files-removed=\(report.expungedFilesRemoved) unreadable=\(report.unreadable.count)")
        for problem in report.unreadable { printError("unreadable: \(problem)") }
    }
}

/// `columba purge -u USER`: reclaim the space of expunged multi-dbox messages (`doveadm purge`).
struct Purge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reclaim the space of expunged messages in a user's multi-dbox files.",
        discussion: """
            Rewrites every storage file that holds messages no mailbox refers to any more, keeping \
            the others byte for byte, and deletes files nothing refers to. Safe beside a running \
            server (it takes the user's save lock) and at any point of a crash. A single-dbox home \
            has nothing to purge: expunged messages' files are deleted at once.
            """
    )

    @Option(name: .short, help: "The user.") var user: String
    @OptionGroup var installation: InstallationOptions

    func run() async throws {
        let (format, report) = try await withStore(user, installation) { store in
            (store.storageFormat, try await store.purge())
        }
        guard format == .mdbox || report.filesDeleted > 0 else {
            print("nothing to purge: \(user) is stored in single-dbox, where expunged messages' files are deleted at once")
            return
        }
        print("removed=\(report.messagesRemoved) moved=\(report.messagesMoved) files-deleted=\(report.filesDeleted) "
              + "bytes-reclaimed=\(report.bytesReclaimed)")
    }
}
