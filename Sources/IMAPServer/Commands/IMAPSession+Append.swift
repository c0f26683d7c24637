import IMAPGrammar
import MailStore
import NIOCore

/// APPEND of one message with flags and internal date, answered with APPENDUID (RFC 9051
/// §6.3.12, RFC 4315).
extension IMAPSession {
    mutating func append(tag: String, name: MailboxName, messages: [AppendMessage], in mailboxes: MailStoreAdapter) async throws -> Next {
        guard messages.count == 1, let message = messages.first else {
            try await send(tag, .no("Only one message per APPEND is supported.", code: .cannot))
            return .continue
        }
        guard !message.binary else {
            try await send(tag, .no("Binary APPEND is not supported.", code: .cannot))
            return .continue
        }
        guard message.data.readableBytes > 0 else {
            try await send(tag, .no("An empty message cannot be saved.", code: .cannot))
            return .continue
        }
        guard let flags = Self.flagSet(message.flags) else {
            return try await invalid(tag: tag, "Invalid flag in APPEND.")
        }
        let mailbox = Self.storeName(name)
        let saved: (uidValidity: UInt32, uid: UInt32)
        do {
            saved = try await mailboxes.append(
                Array(message.data.readableBytesView), to: mailbox, flags: flags, internalDate: message.internalDate?.secondsSince1970
            )
        } catch let error as MailIndexError where error.kind == .mailboxNotFound {
            try await send(tag, .no("Mailbox does not exist.", code: .tryCreate))
            return .continue
        } catch {
            return try await storeFailure(tag: tag, error)
        }
        let uids = SequenceSet.numbers(saved.uid...saved.uid)
        try await send(tag, .ok("APPEND completed.", code: .appendUID(uidValidity: saved.uidValidity, uids: uids)))
        return .continue
    }

    /// The store's flags for APPEND's flag list; nil for `\*` or another `\`-flag the store
    /// cannot keep. `\Recent` is ignored (RFC 9051 drops it).
    static func flagSet(_ flags: [Flag]) -> FlagSet? {
        var set = FlagSet()
        for flag in flags {
            switch flag {
            case .answered: set.system.insert(.answered)
            case .flagged: set.system.insert(.flagged)
            case .deleted: set.system.insert(.deleted)
            case .seen: set.system.insert(.seen)
            case .draft: set.system.insert(.draft)
            case .keyword(let keyword): set.keywords.insert(keyword)
            case .extension(let name):
                guard name.lowercased() == "\\recent" else { return nil }
            }
        }
        return set
    }
}
