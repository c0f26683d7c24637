import IMAPGrammar
import MailStore
import NIOCore

/// APPEND with flags and internal date, MULTIAPPEND (RFC 3502: all messages or none) and
/// binary literals (RFC 3516 §4.4), answered with APPENDUID (RFC 4315).
extension IMAPSession {
    mutating func append(tag: String, name: MailboxName, messages: [AppendMessage], in mailboxes: MailStoreAdapter) async throws -> Next {
        var toAppend: [MessageToAppend] = []
        for message in messages {
            guard message.data.readableBytes > 0 else {
                try await send(tag, .no("An empty message cannot be saved.", code: .cannot))
                return .continue
            }
            guard let flags = Self.flagSet(message.flags) else {
                return try await invalid(tag: tag, "Invalid flag in APPEND.")
            }
            toAppend.append(MessageToAppend(
                bytes: Array(message.data.readableBytesView), flags: flags, internalDate: message.internalDate?.secondsSince1970
            ))
        }
        let saved: AppendResult
        do {
            saved = try await mailboxes.append(toAppend, to: Self.storeName(name))
        } catch let error as MailIndexError where error.kind == .mailboxNotFound {
            try await send(tag, .no("Mailbox does not exist.", code: .tryCreate))
            return .continue
        } catch {
            return try await storeFailure(tag: tag, error)
        }
        // Appending to the selected mailbox shows the new messages at once (RFC 9051 §6.3.12).
        if case .close = try await reportChanges(in: mailboxes) { return .close }
        let uids = SelectedMailbox.compact(saved.uids)
        try await send(tag, .ok("APPEND completed.", code: .appendUID(uidValidity: saved.uidValidity, uids: uids)))
        return .continue
    }

    /// The store's flags for a flag list (APPEND, STORE); nil for `\*` or another `\`-flag the
    /// store cannot keep. `\Recent` is ignored (RFC 9051 drops it; clients cannot set it).
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
