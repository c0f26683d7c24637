import IMAPGrammar
import MailStore

/// COPY, MOVE and their UID forms with COPYUID (RFC 9051 §6.4.7–6.4.8, RFC 6851, RFC 4315),
/// EXPUNGE and UID EXPUNGE (RFC 9051 §6.4.3, RFC 4315 §2.1).
extension IMAPSession {
    mutating func copy(
        tag: String, _ set: SequenceSet, to destination: MailboxName, byUID: Bool, moving: Bool, in mailboxes: MailStoreAdapter
    ) async throws -> Next {
        guard var selected = state.selected else { return try await invalid(tag: tag, "No mailbox selected.") }
        if !byUID, selected.isOutOfRange(set) {
            return try await invalid(tag: tag, "Invalid message sequence number.")
        }
        if moving, selected.readOnly {
            try await send(tag, .no("The mailbox is read-only.", code: .readOnly))
            return .continue
        }
        let verb = (byUID ? "UID " : "") + (moving ? "MOVE" : "COPY")
        let uids = selected.uids(in: set, byUID: byUID)
        let target = Self.storeName(destination)
        let result: CopyResult
        do {
            result = moving
                ? try await mailboxes.move(uids, from: selected.name, to: target)
                : try await mailboxes.copy(uids, from: selected.name, to: target)
        } catch let error as MailIndexError where error.kind == .mailboxNotFound && error.mailbox == target {
            try await send(tag, .no("Mailbox does not exist.", code: .tryCreate))
            return .continue
        } catch {
            return try await storeFailure(tag: tag, error)
        }
        guard !result.pairs.isEmpty else {
            if case .close = try await reportChanges(in: mailboxes) { return .close }
            try await send(tag, .ok("No messages to \(moving ? "move" : "copy")."))
            return .continue
        }
        let code = ResponseCode.copyUID(
            uidValidity: result.uidValidity,
            source: SelectedMailbox.compact(result.pairs.map(\.source)),
            destination: SelectedMailbox.compact(result.pairs.map(\.copy))
        )
        guard moving else {
            if case .close = try await reportChanges(in: mailboxes) { return .close }
            try await send(tag, .ok("\(verb) completed.", code: code))
            return .continue
        }
        // RFC 6851 §4.3: the COPYUID of a move comes untagged, before the expunges.
        try await send(.ok(code, "Moved UIDs."))
        for response in selected.remove(result.pairs.map(\.source), qresync: state.qresync) { try await send(response) }
        state.selected = selected
        if case .close = try await reportChanges(in: mailboxes) { return .close }
        try await send(tag, .ok("\(verb) completed."))
        return .continue
    }

    /// EXPUNGE removes the view's `\Deleted` messages; UID EXPUNGE only those among `uids`.
    mutating func expunge(tag: String, uids set: SequenceSet?, in mailboxes: MailStoreAdapter) async throws -> Next {
        guard var selected = state.selected else { return try await invalid(tag: tag, "No mailbox selected.") }
        guard !selected.readOnly else {
            try await send(tag, .no("The mailbox is read-only.", code: .readOnly))
            return .continue
        }
        let candidates = set.map { selected.uids(in: $0, byUID: true) } ?? selected.uids
        let removed: [UInt32]
        do {
            let deleted = try await mailboxes.messages(in: selected.name, uids: candidates, withStructure: false)
                .filter { $0.flags.system.contains(.deleted) }.map(\.uid)
            removed = try await mailboxes.expunge(in: selected.name, uids: deleted)
        } catch {
            return try await storeFailure(tag: tag, error)
        }
        for response in selected.remove(removed, qresync: state.qresync) { try await send(response) }
        state.selected = selected
        if case .close = try await reportChanges(in: mailboxes) { return .close }
        try await send(tag, .ok(set == nil ? "EXPUNGE completed." : "UID EXPUNGE completed."))
        return .continue
    }
}
