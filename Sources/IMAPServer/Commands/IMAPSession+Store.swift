import IMAPGrammar
import MailStore

/// STORE and UID STORE (RFC 9051 §6.4.6), with UNCHANGEDSINCE and MODIFIED (RFC 7162 §3.1.3).
extension IMAPSession {
    mutating func store(tag: String, _ command: StoreCommand, byUID: Bool, in mailboxes: MailStoreAdapter) async throws -> Next {
        guard var selected = state.selected else { return try await invalid(tag: tag, "No mailbox selected.") }
        if !byUID, selected.isOutOfRange(command.sequenceSet) {
            return try await invalid(tag: tag, "Invalid message sequence number.")
        }
        guard let change = Self.flagSet(command.flags.flags) else {
            return try await invalid(tag: tag, "Invalid flag in STORE.")
        }
        guard !selected.readOnly else {
            try await send(tag, .no("The mailbox is read-only.", code: .readOnly))
            return .continue
        }
        if command.unchangedSince != nil { state.condstore = true }
        let operation: FlagOperation
        switch command.flags.operation {
        case .replace: operation = .replace
        case .add: operation = .add
        case .remove: operation = .remove
        }
        let uids = selected.uids(in: command.sequenceSet, byUID: byUID)
        let result: FlagUpdateResult
        var reported: [MessageRecord]
        do {
            result = try await mailboxes.updateFlags(
                in: selected.name, uids: uids, operation, change, unchangedSince: command.unchangedSince
            )
            reported = result.updated
            if !command.flags.silent {
                // Messages whose flags were already so are reported too, as they are.
                let skipped = Set(result.updated.map(\.uid)).union(result.modified)
                reported += try await mailboxes.messages(in: selected.name, uids: uids.filter { !skipped.contains($0) }, withStructure: false)
                reported.sort { $0.uid < $1.uid }
            }
        } catch {
            return try await storeFailure(tag: tag, error)
        }
        selected.noteReported(result.updated)
        if selected.learnKeywords(result.updated) {
            for response in selected.flagsResponses { try await send(response) }
        }
        // RFC 7162 §3.1.3: under UNCHANGEDSINCE even a silent store reports the new modseqs.
        if !command.flags.silent || command.unchangedSince != nil {
            for record in reported {
                guard let number = selected.sequenceNumber(of: record.uid) else { continue }
                var attributes: [MessageAttribute] = []
                if byUID { attributes.append(.uid(record.uid)) }
                if !command.flags.silent { attributes.append(.flags(selected.flags(of: record, rev1: state.rev1))) }
                if state.condstore { attributes.append(.modSeq(record.modseq)) }
                try await send(.fetch(number, attributes))
            }
        }
        state.selected = selected
        if case .close = try await reportChanges(holdingExpunges: !byUID, in: mailboxes) { return .close }
        guard result.modified.isEmpty else {
            let modified: SequenceSet
            if byUID {
                modified = SelectedMailbox.compact(result.modified)
            } else {
                modified = SelectedMailbox.compact(result.modified.compactMap { selected.sequenceNumber(of: $0) })
            }
            try await send(tag, .ok("Conditional STORE failed for some messages.", code: .modified(modified)))
            return .continue
        }
        try await send(tag, .ok(byUID ? "UID STORE completed." : "STORE completed."))
        return .continue
    }
}
