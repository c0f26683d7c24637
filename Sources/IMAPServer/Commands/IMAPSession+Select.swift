import IMAPGrammar
import MailStore

/// SELECT and EXAMINE with CONDSTORE and QRESYNC (RFC 9051 §6.3.2–6.3.3, RFC 7162 §3.1.8,
/// §3.2.5), CLOSE, UNSELECT (RFC 3691), and the untagged updates every command in the selected
/// state ends with.
extension IMAPSession {
    mutating func select(
        tag: String, name: MailboxName, parameters: [SelectParameter], readOnly: Bool, in mailboxes: MailStoreAdapter
    ) async throws -> Next {
        var qresync: QResyncParameter?
        var condstore = false
        for parameter in parameters {
            switch parameter {
            case .condstore: condstore = true
            case .qresync(let value):
                guard state.qresync else { return try await invalid(tag: tag, "QRESYNC must be enabled first.") }
                qresync = value
            case .other(let name): return try await invalid(tag: tag, "Unknown SELECT parameter \(name).")
            }
        }
        // A failed SELECT leaves no mailbox selected (RFC 9051 §6.3.2); CLOSED marks where the
        // old mailbox's responses end (RFC 7162 §3.2.11, RFC 9051 §7.1).
        if state.selected != nil {
            state.selected = nil
            if !state.rev1 || state.qresync { try await send(.ok(.closed, "Previous mailbox closed.")) }
        }
        let storeName = Self.storeName(name)
        let selection: MailboxSelection
        do {
            selection = try await mailboxes.select(storeName, claimingRecent: !readOnly)
        } catch {
            return try await storeFailure(tag: tag, error)
        }
        if condstore || qresync != nil { state.condstore = true }
        var selected = SelectedMailbox(name: storeName, selection: selection, readOnly: readOnly)
        var responses = selected.flagsResponses
        responses.append(.exists(selected.exists))
        if state.rev1 {
            responses.append(.recent(UInt32(selected.recent.count)))
            if let uid = selection.firstUnseen, let number = selected.sequenceNumber(of: uid) {
                responses.append(.ok(.unseen(number), "First unseen."))
            }
        }
        responses += [
            .ok(.uidValidity(selection.mailbox.uidValidity), "UIDs valid."),
            .ok(.uidNext(selection.mailbox.uidNext), "Predicted next UID."),
            .ok(.highestModSeq(selection.mailbox.highestModseq), "Highest modseq."),
        ]
        if !state.rev1, let listed = try? await mailboxes.mailboxes(),
           let pattern = MailboxPattern(reference: "", pattern: storeName),
           let entry = MailboxListing(listed).list(patterns: [pattern], selection: .init()).first(where: { $0.name == storeName }) {
            responses.append(.list(ListResponse(attributes: entry.attributes, delimiter: MailboxListing.delimiter, mailbox: MailboxName(entry.name))))
        }
        if let qresync, qresync.uidValidity == selected.uidValidity {
            do {
                responses += try await catchUp(&selected, since: qresync.modSeq, known: qresync.knownUIDs, in: mailboxes)
            } catch {
                return try await storeFailure(tag: tag, error)
            }
        }
        for response in responses { try await send(response) }
        state.selected = selected
        let verb = readOnly ? "EXAMINE" : "SELECT"
        try await send(tag, .ok("\(verb) completed.", code: readOnly ? .readOnly : .readWrite))
        return .continue
    }

    /// QRESYNC's catch-up (RFC 7162 §3.2.5.2): `VANISHED (EARLIER)` for the known messages
    /// expunged after `modseq`, and a FETCH with flags and modseq for each message changed
    /// after it.
    func catchUp(
        _ selected: inout SelectedMailbox, since modseq: UInt64, known: SequenceSet?, in mailboxes: MailStoreAdapter
    ) async throws -> [UntaggedResponse] {
        var responses: [UntaggedResponse] = []
        var vanished = try await mailboxes.expunged(in: selected.name, after: modseq)
        if let known {
            let ranges = selected.knownUIDRanges(known)
            vanished = vanished.filter { uid in ranges.contains { $0.contains(uid) } }
        }
        if !vanished.isEmpty { responses.append(.vanished(earlier: true, SelectedMailbox.compact(vanished))) }
        let changes = try await mailboxes.changes(in: selected.name, since: modseq)
        for record in changes.changed {
            guard let number = selected.sequenceNumber(of: record.uid) else { continue }
            responses.append(.fetch(number, [.uid(record.uid), .flags(selected.flags(of: record, rev1: state.rev1)), .modSeq(record.modseq)]))
        }
        return responses
    }

    /// CLOSE expunges the `\Deleted` messages silently (unless read-only) and leaves the
    /// selected state; UNSELECT only leaves it.
    mutating func close(tag: String, expunging: Bool, in mailboxes: MailStoreAdapter) async throws -> Next {
        guard let selected = state.selected else { return try await invalid(tag: tag, "No mailbox selected.") }
        state.selected = nil
        if expunging, !selected.readOnly {
            do {
                let deleted = try await mailboxes.messages(in: selected.name, uids: selected.uids, withStructure: false)
                    .filter { $0.flags.system.contains(.deleted) }.map(\.uid)
                _ = try await mailboxes.expunge(in: selected.name, uids: deleted)
            } catch {
                return try await storeFailure(tag: tag, error)
            }
        }
        try await send(tag, .ok(expunging ? "CLOSE completed." : "UNSELECT completed."))
        return .continue
    }

    /// Tells the client what changed in the selected mailbox since it was last told: the
    /// untagged responses a command ends with (RFC 9051 §7). EXPUNGE is held back after FETCH,
    /// STORE and SEARCH by sequence number (§7.5.1), and sent after the next command that
    /// allows it.
    /// - Returns: `.close` when the mailbox was deleted under the session.
    mutating func reportChanges(holdingExpunges: Bool = false, in mailboxes: MailStoreAdapter) async throws -> Next {
        guard var selected = state.selected else { return .continue }
        guard let responses = try await selected.refresh(from: mailboxes, holdingExpunges: holdingExpunges, options: updateOptions) else {
            state.selected = nil
            try await send(.untagged(.bye(nil, SelectedMailbox.deletedMessage)))
            return .close
        }
        state.selected = selected
        for response in responses { try await send(response) }
        return .continue
    }

    /// How this session is told of changes.
    var updateOptions: SelectedMailbox.UpdateOptions {
        SelectedMailbox.UpdateOptions(condstore: state.condstore, qresync: state.qresync, rev1: state.rev1)
    }
}
