import IMAPGrammar
import MailStore

/// The session's view of its selected mailbox (RFC 9051 §2.3.1): which messages the client
/// knows under which sequence numbers, which are `\Recent` for it, and how far it has been told
/// about changes.
///
/// The view changes only where the session tells the client: changes made by others are taken
/// in by ``refresh(from:holdingExpunges:options:)``, which returns the untagged responses
/// that report them, and the session's own expunges by ``remove(_:)``.
struct SelectedMailbox: Sendable {
    /// The mailbox's name in the store (it follows a rename by another session).
    var name: String
    let guid: GUID128
    let uidValidity: UInt32
    /// EXAMINE, or a mailbox the user may not change.
    let readOnly: Bool
    /// The UIDs the client knows, ascending: message n is `uids[n - 1]`.
    private(set) var uids: [UInt32]
    /// The messages that are `\Recent` in this session.
    private(set) var recent: Set<UInt32>
    /// Keywords the client has been told of in FLAGS.
    private(set) var keywords: Set<String>
    /// Changes up to this modseq are in the view.
    private(set) var highestModseq: UInt64
    /// Expunges taken in while they could not be announced (during FETCH, STORE and SEARCH by
    /// sequence number, RFC 9051 §7.5.1); the messages stay in ``uids`` until then.
    private(set) var heldExpunges: [UInt32] = []
    /// Flag changes this session reported itself (UID to the modseq it reported), so the next
    /// look at the index does not report them again.
    private var reportedFlags: [UInt32: UInt64] = [:]
    /// The result of the last `SEARCH RETURN (SAVE)` (RFC 5182), for `$`.
    var savedSearch: [UInt32] = []

    init(name: String, selection: MailboxSelection, readOnly: Bool) {
        self.name = name
        self.guid = selection.mailbox.guid
        self.uidValidity = selection.mailbox.uidValidity
        self.readOnly = readOnly
        self.uids = selection.uids
        self.recent = Set(selection.uids.reversed().prefix { $0 >= selection.firstRecent })
        self.keywords = selection.keywords
        self.highestModseq = selection.mailbox.highestModseq
    }

    // MARK: - Numbers

    var exists: UInt32 { UInt32(uids.count) }

    /// The sequence number of `uid`, if the client knows the message.
    func sequenceNumber(of uid: UInt32) -> UInt32? {
        let index = position(of: uid)
        guard index < uids.count, uids[index] == uid else { return nil }
        return UInt32(index + 1)
    }

    /// The index in ``uids`` of the first UID not below `uid`.
    private func position(of uid: UInt32) -> Int {
        var low = 0
        var high = uids.count
        while low < high {
            let middle = (low + high) / 2
            if uids[middle] < uid { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// What a command's set means for the view: sequence numbers or UIDs, `$` the saved result.
    var scope: SearchScope {
        SearchScope(uids: uids, recent: recent, saved: savedSearch)
    }

    /// The UIDs the client knows among `set`, ascending.
    /// - Parameter byUID: the set holds UIDs (UID commands), not sequence numbers.
    func uids(in set: SequenceSet, byUID: Bool) -> [UInt32] {
        let ranges = byUID ? scope.uidRanges(ofUIDs: set) : scope.uidRanges(ofSequenceNumbers: set)
        return uids(inRanges: ranges)
    }

    /// The UID ranges of a set of UIDs the client may have known, `*` meaning every UID from
    /// the range's start: for QRESYNC, which reports what vanished even above the highest UID
    /// still there (RFC 7162 §3.2.5, §3.2.6).
    func knownUIDRanges(_ set: SequenceSet) -> [ClosedRange<UInt32>] {
        guard case .ranges(let ranges) = set else { return scope.uidRanges(ofUIDs: set) }
        return ranges.map { $0.resolved(largest: .max) }
    }

    /// The known UIDs in any of `ranges`, ascending and without repeats.
    func uids(inRanges ranges: [ClosedRange<UInt32>]) -> [UInt32] {
        var found: [UInt32] = []
        var last: UInt32?
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            var index = position(of: range.lowerBound)
            while index < uids.count, uids[index] <= range.upperBound {
                if let last, uids[index] <= last {
                    index += 1
                    continue
                }
                found.append(uids[index])
                last = uids[index]
                index += 1
            }
        }
        return found
    }

    /// Whether a sequence set names a message number beyond the view (RFC 9051 §9: an error),
    /// `*` aside.
    func isOutOfRange(_ set: SequenceSet) -> Bool {
        guard case .ranges(let ranges) = set else { return false }
        return ranges.contains { range in
            [range.first, range.last].contains { number in
                if case .number(let value) = number { return value == 0 || value > exists }
                return false
            }
        }
    }

    // MARK: - Flags

    /// The flags of a message as the client sees them: `\Recent` only for IMAP4rev1 sessions.
    func flags(of record: MessageRecord, rev1: Bool) -> [Flag] {
        var flags = record.flags.imapNames.map(Flag.init)
        if rev1, recent.contains(record.uid) { flags.append(.extension("\\Recent")) }
        return flags
    }

    /// The FLAGS and PERMANENTFLAGS responses for the system flags and the keywords known.
    var flagsResponses: [UntaggedResponse] {
        let flags = FlagSet(system: [.answered, .flagged, .deleted, .seen, .draft], keywords: keywords).imapNames.map(Flag.init)
        let permanent = readOnly ? [] : flags
        return [
            .flags(flags),
            .ok(.permanentFlags(permanent, allowsNewKeywords: !readOnly), readOnly ? "No permanent flags permitted." : "Flags permitted."),
        ]
    }

    /// Notes keywords the client has not been told of; returns whether there were any.
    mutating func learnKeywords(_ records: [MessageRecord]) -> Bool {
        let before = keywords.count
        for record in records { keywords.formUnion(record.flags.keywords) }
        return keywords.count != before
    }

    /// Remembers that the session itself reported these flags.
    mutating func noteReported(_ records: [MessageRecord]) {
        for record in records { reportedFlags[record.uid] = record.modseq }
    }

    // MARK: - Changes

    /// How the session is told of changes: which extensions shape the untagged responses.
    struct UpdateOptions: Sendable {
        /// MODSEQ goes with every FETCH of flags (RFC 7162 §3.1.4).
        var condstore: Bool
        /// VANISHED replaces EXPUNGE (RFC 7162 §3.2.10).
        var qresync: Bool
        /// `\Recent` and RECENT are reported (IMAP4rev1).
        var rev1: Bool
    }

    /// The BYE text when the selected mailbox disappears.
    static let deletedMessage = "Selected mailbox was deleted."

    /// Reads what changed in the index since ``highestModseq`` and takes it in (claiming
    /// `\Recent` for new messages unless read-only), following a rename by another session.
    /// - Returns: the untagged responses to send, or nil when the mailbox was deleted.
    mutating func refresh(from mailboxes: MailStoreAdapter, holdingExpunges: Bool, options: UpdateOptions) async throws -> [UntaggedResponse]? {
        var found: MailboxChanges?
        do {
            found = try await mailboxes.changes(in: name, since: highestModseq)
        } catch let error as MailIndexError where error.kind == .mailboxNotFound {
            found = nil
        }
        guard let changes = found, changes.mailbox.guid == guid else {
            // Renamed by another session: follow it. Deleted: nothing is left to show.
            guard let renamed = try await mailboxes.mailbox(guid: guid) else { return nil }
            name = renamed.name
            return try await refresh(from: mailboxes, holdingExpunges: holdingExpunges, options: options)
        }
        var newRecent: UInt32?
        let last = uids.last ?? 0
        if !readOnly, changes.changed.contains(where: { $0.uid > last }) {
            newRecent = try await mailboxes.claimRecent(in: name, below: changes.mailbox.uidNext)
        }
        return take(changes, newRecent: newRecent, holdingExpunges: holdingExpunges, options: options)
    }

    /// Removes messages the session expunged itself and announces them.
    /// - Returns: the `EXPUNGE` responses (sequence numbers as they are at each), or one
    ///   `VANISHED` under QRESYNC (RFC 7162 §3.2.10).
    mutating func remove(_ expunged: [UInt32], qresync: Bool) -> [UntaggedResponse] {
        let gone = Set(expunged)
        guard !gone.isEmpty else { return [] }
        var responses: [UntaggedResponse] = []
        var vanished: [UInt32] = []
        var kept: [UInt32] = []
        kept.reserveCapacity(uids.count)
        for (index, uid) in uids.enumerated() {
            guard gone.contains(uid) else {
                kept.append(uid)
                continue
            }
            // Each EXPUNGE renumbers the messages after it, so a later one's number is its
            // position among the messages still there.
            if !qresync { responses.append(.expunge(UInt32(index + 1 - vanished.count))) }
            vanished.append(uid)
            recent.remove(uid)
        }
        guard !vanished.isEmpty else { return [] }
        uids = kept
        heldExpunges.removeAll { gone.contains($0) }
        if qresync { responses.append(.vanished(earlier: false, Self.compact(vanished))) }
        return responses
    }

    /// Takes in what others changed and returns the untagged responses that tell the client:
    /// expunges (unless held), new messages (EXISTS, and RECENT for IMAP4rev1), new keywords
    /// (FLAGS), and flag changes (FETCH with UID, and MODSEQ under CONDSTORE).
    /// - Parameters:
    ///   - changes: the index's changes since ``highestModseq``.
    ///   - newRecent: the lowest UID of the new messages this session owns as `\Recent`.
    ///   - holdingExpunges: EXPUNGE may not be sent now; expunges are held for later.
    mutating func take(_ changes: MailboxChanges, newRecent: UInt32?, holdingExpunges: Bool, options: UpdateOptions) -> [UntaggedResponse] {
        var responses: [UntaggedResponse] = []
        let held = Set(heldExpunges)
        heldExpunges += changes.expunged.filter { !held.contains($0) && sequenceNumber(of: $0) != nil }
        if !holdingExpunges {
            responses += remove(heldExpunges, qresync: options.qresync)
        }
        let last = uids.last ?? 0
        let added = changes.changed.filter { $0.uid > last }.map(\.uid)
        if !added.isEmpty {
            uids += added
            if let newRecent { recent.formUnion(added.filter { $0 >= newRecent }) }
            responses.append(.exists(exists))
            if options.rev1 { responses.append(.recent(UInt32(recent.count))) }
        }
        if learnKeywords(changes.changed) { responses += flagsResponses }
        for record in changes.changed where record.uid <= last {
            guard reportedFlags[record.uid] != record.modseq, let number = sequenceNumber(of: record.uid) else { continue }
            var attributes: [MessageAttribute] = [.uid(record.uid), .flags(flags(of: record, rev1: options.rev1))]
            if options.condstore { attributes.append(.modSeq(record.modseq)) }
            responses.append(.fetch(number, attributes))
        }
        reportedFlags.removeAll()
        highestModseq = max(highestModseq, changes.mailbox.highestModseq)
        return responses
    }

    /// `uids` (ascending) as a set of ranges.
    static func compact(_ uids: [UInt32]) -> SequenceSet {
        .ranges(MailStoreAdapter.ranges(uids).map(SequenceRange.init))
    }
}
