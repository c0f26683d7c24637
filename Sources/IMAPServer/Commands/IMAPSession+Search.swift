import IMAPGrammar
import MailStore

/// SEARCH and UID SEARCH (RFC 9051 §6.4.4), with ESEARCH return options (RFC 4731), SAVE
/// (RFC 5182 SEARCHRES) and MODSEQ (RFC 7162 §3.1.5).
extension IMAPSession {
    /// Charsets a search string may be given in (RFC 9051 §6.4.4: UTF-8 and US-ASCII).
    static let searchCharsets = ["UTF-8", "US-ASCII"]

    mutating func search(tag: String, _ command: SearchCommand, byUID: Bool, in mailboxes: MailStoreAdapter) async throws -> Next {
        guard var selected = state.selected else { return try await invalid(tag: tag, "No mailbox selected.") }
        if let charset = command.charset, !Self.searchCharsets.contains(charset.uppercased()) {
            try await send(tag, .no("Unsupported charset.", code: .badCharset(Self.searchCharsets)))
            return .continue
        }
        // IMAP4rev2 has no SEARCH response: a search without RETURN answers as RETURN (ALL)
        // would (RFC 9051 §6.4.4, §7.3.4).
        let options = (command.returnOptions ?? (state.rev1 ? nil : [])).map { $0.isEmpty ? [SearchReturnOption.all] : $0 }
        if let unknown = options?.first(where: { if case .other = $0 { true } else { false } }), case .other(let name) = unknown {
            return try await invalid(tag: tag, "Unknown SEARCH return option \(name).")
        }
        let usesModSeq = Self.usesModSeq(command.key)
        if usesModSeq { state.condstore = true }
        let saving = options?.contains(.save) == true
        let found: [UInt32]
        var highestModseq: UInt64?
        do {
            found = try await mailboxes.search(in: selected.name, SearchQuery(command.key, scope: selected.scope), within: selected.uids)
            if usesModSeq, !found.isEmpty {
                highestModseq = try await mailboxes.messages(in: selected.name, uids: found, withStructure: false).map(\.modseq).max()
            }
        } catch {
            // RFC 5182 §2.1: a failed SEARCH with SAVE leaves `$` empty.
            if saving { selected.savedSearch = [] }
            state.selected = selected
            return try await storeFailure(tag: tag, error)
        }
        let numbers = byUID ? found : found.compactMap { selected.sequenceNumber(of: $0) }
        if let options {
            let answer = Set(options)
            if saving {
                // SAVE with only MIN and/or MAX keeps just those (RFC 5182 §2.1).
                let onlyEnds = answer.isDisjoint(with: [.all, .count]) && !answer.isDisjoint(with: [.min, .max])
                selected.savedSearch = onlyEnds
                    ? [answer.contains(.min) ? found.first : nil, answer.contains(.max) ? found.last : nil].compactMap { $0 }
                    : found
            }
            if answer != [.save] {
                var response = ESearchResponse(tag: tag, uid: byUID)
                if answer.contains(.min) { response.min = numbers.first }
                if answer.contains(.max) { response.max = numbers.last }
                if answer.contains(.count) { response.count = UInt32(numbers.count) }
                if answer.contains(.all), !numbers.isEmpty { response.all = SelectedMailbox.compact(numbers) }
                response.modSeq = highestModseq
                try await send(.esearch(response))
            }
        } else {
            try await send(.search(numbers, modSeq: highestModseq))
        }
        state.selected = selected
        if case .close = try await reportChanges(holdingExpunges: !byUID, in: mailboxes) { return .close }
        try await send(tag, .ok(byUID ? "UID SEARCH completed." : "SEARCH completed."))
        return .continue
    }

    /// The key (or one inside it) is MODSEQ, so the answer carries the highest modseq found.
    static func usesModSeq(_ key: SearchKey) -> Bool {
        switch key {
        case .modSeq: true
        case .not(let inner), .fuzzy(let inner): usesModSeq(inner)
        case .or(let left, let right): usesModSeq(left) || usesModSeq(right)
        case .and(let keys): keys.contains(where: usesModSeq)
        default: false
        }
    }
}
