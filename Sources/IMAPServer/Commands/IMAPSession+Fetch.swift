import IMAPGrammar
import MailMessage
import MailStore

/// FETCH and UID FETCH (RFC 9051 §6.4.5, §6.4.9), with CHANGEDSINCE and VANISHED (RFC 7162
/// §3.1.4, §3.2.6).
extension IMAPSession {
    mutating func fetch(tag: String, _ command: FetchCommand, byUID: Bool, in mailboxes: MailStoreAdapter) async throws -> Next {
        guard var selected = state.selected else { return try await invalid(tag: tag, "No mailbox selected.") }
        if command.attributes.contains(where: { if case .preview = $0 { true } else { false } }) {
            return try await invalid(tag: tag, "PREVIEW is not supported.")
        }
        var changedSince: UInt64?
        var vanished = false
        for modifier in command.modifiers {
            switch modifier {
            case .changedSince(let modseq): changedSince = modseq
            case .vanished: vanished = true
            }
        }
        // RFC 7162 §3.2.6: VANISHED only in UID FETCH, with CHANGEDSINCE, once QRESYNC is on.
        if vanished, !byUID || changedSince == nil || !state.qresync {
            return try await invalid(tag: tag, "VANISHED needs UID FETCH with CHANGEDSINCE and QRESYNC enabled.")
        }
        if !byUID, selected.isOutOfRange(command.sequenceSet) {
            return try await invalid(tag: tag, "Invalid message sequence number.")
        }
        let items = FetchItems(attributes: command.attributes)
        if changedSince != nil || items.asksForModSeq { state.condstore = true }
        let wanted = selected.uids(in: command.sequenceSet, byUID: byUID)
        var missing = false
        do {
            if vanished, let changedSince {
                let ranges = selected.knownUIDRanges(command.sequenceSet)
                let gone = try await mailboxes.expunged(in: selected.name, after: changedSince)
                    .filter { uid in ranges.contains { $0.contains(uid) } }
                if !gone.isEmpty { try await send(.vanished(earlier: true, SelectedMailbox.compact(gone))) }
            }
            var records = try await mailboxes.messages(in: selected.name, uids: wanted, withStructure: items.needsStructure)
            missing = records.count != wanted.count
            if let changedSince { records = records.filter { $0.modseq > changedSince } }
            var seenSet: Set<UInt32> = []
            if items.setsSeen, !selected.readOnly {
                let unseen = records.filter { !$0.flags.system.contains(.seen) }.map(\.uid)
                if !unseen.isEmpty {
                    let updated = try await mailboxes.updateFlags(
                        in: selected.name, uids: unseen, .add, FlagSet(system: .seen), unchangedSince: nil
                    ).updated
                    selected.noteReported(updated)
                    let byUID = Dictionary(updated.map { ($0.uid, $0) }, uniquingKeysWith: { $1 })
                    records = records.map { byUID[$0.uid] ?? $0 }
                    seenSet = Set(updated.map(\.uid))
                }
            }
            let headerOnly = items.needsMessage && items.needsOnlyHeader
            let headers = headerOnly ? try await mailboxes.headers(of: records, in: selected.name) : [:]
            for record in records {
                guard let number = selected.sequenceNumber(of: record.uid) else { continue }
                var message: MIMEMessage?
                let structureMissing = items.needsStructure && (record.envelope == nil || record.bodyStructure == nil)
                if headerOnly, !structureMissing, let header = headers[record.uid] {
                    message = MIMEMessage(parsing: header)
                } else if items.needsMessage || structureMissing {
                    message = MIMEMessage(parsing: try await mailboxes.body(of: record))
                }
                let attributes = try items.response(
                    for: record, message: message, flags: selected.flags(of: record, rev1: state.rev1), uid: byUID,
                    flagsChanged: seenSet.contains(record.uid), condstore: state.condstore
                )
                try await send(.fetch(number, attributes))
            }
        } catch FetchItems.Failure.unknownTransferEncoding {
            state.selected = selected
            try await send(tag, .no("Unknown Content-Transfer-Encoding.", code: .unknownCTE))
            return .continue
        } catch {
            state.selected = selected
            return try await storeFailure(tag: tag, error)
        }
        state.selected = selected
        if case .close = try await reportChanges(holdingExpunges: !byUID, in: mailboxes) { return .close }
        if missing, !byUID {
            try await send(tag, .no("Some of the requested messages no longer exist.", code: .expungeIssued))
        } else {
            try await send(tag, .ok(byUID ? "UID FETCH completed." : "FETCH completed."))
        }
        return .continue
    }
}
