import IMAPGrammar
import MailStore

/// What turning an IMAP search key into a store query needs from the session: its view of the
/// mailbox (sequence numbers), its `\Recent` messages, and the result SEARCHRES saved.
public struct SearchScope: Sendable {
    /// The UIDs of the session's messages in sequence order: message n is `uids[n - 1]`.
    public var uids: [UInt32]
    /// The messages `\Recent` in this session.
    public var recent: Set<UInt32>
    /// The UIDs saved by the last `SEARCH RETURN (SAVE)` (RFC 5182), for `$`.
    public var saved: [UInt32]

    public init(uids: [UInt32], recent: Set<UInt32> = [], saved: [UInt32] = []) {
        self.uids = uids
        self.recent = recent
        self.saved = saved
    }

    /// The UIDs of a set of sequence numbers; numbers beyond the last message are ignored.
    public func uidRanges(ofSequenceNumbers set: SequenceSet) -> [ClosedRange<UInt32>] {
        switch set {
        case .lastCommand:
            return saved.map { $0...$0 }
        case .ranges(let ranges):
            guard !uids.isEmpty else { return [] }
            return ranges.compactMap { range in
                let numbers = range.resolved(largest: UInt32(uids.count))
                guard numbers.lowerBound >= 1, numbers.lowerBound <= UInt32(uids.count) else { return nil }
                let last = min(numbers.upperBound, UInt32(uids.count))
                return uids[Int(numbers.lowerBound) - 1]...uids[Int(last) - 1]
            }
        }
    }

    /// The UID ranges of a UID set, `*` being the highest UID in the view (RFC 9051 §6.4.8).
    public func uidRanges(ofUIDs set: SequenceSet) -> [ClosedRange<UInt32>] {
        switch set {
        case .lastCommand:
            return saved.map { $0...$0 }
        case .ranges(let ranges):
            return ranges.map { $0.resolved(largest: uids.last ?? 0) }
        }
    }
}

extension SearchQuery {
    /// The store query for an IMAP search key, as seen from `scope`.
    public init(_ key: SearchKey, scope: SearchScope) {
        switch key {
        case .all, .saveDateSupported: self = .all
        case .answered: self = .flagged(.answered)
        case .deleted: self = .flagged(.deleted)
        case .draft: self = .flagged(.draft)
        case .flagged: self = .flagged(.flagged)
        case .seen: self = .flagged(.seen)
        case .unanswered: self = .notFlagged(.answered)
        case .undeleted: self = .notFlagged(.deleted)
        case .undraft: self = .notFlagged(.draft)
        case .unflagged: self = .notFlagged(.flagged)
        case .unseen: self = .notFlagged(.seen)
        case .recent: self = .uids(scope.recent.map { $0...$0 })
        case .old: self = .not(.uids(scope.recent.map { $0...$0 }))
        case .new: self = .and([.uids(scope.recent.map { $0...$0 }), .notFlagged(.seen)])
        case .keyword(let keyword): self = .keyword(keyword)
        case .unkeyword(let keyword): self = .unkeyword(keyword)
        case .bcc(let value): self = .header("Bcc", value)
        case .cc(let value): self = .header("Cc", value)
        case .from(let value): self = .header("From", value)
        case .to(let value): self = .header("To", value)
        case .subject(let value): self = .header("Subject", value)
        case .header(let name, let value): self = .header(name, value)
        case .body(let value): self = .body(value)
        case .text(let value): self = .text(value)
        case .before(let date): self = .receivedBefore(DayDate(date))
        case .on(let date): self = .receivedOn(DayDate(date))
        case .since(let date): self = .receivedSince(DayDate(date))
        case .sentBefore(let date): self = .sentBefore(DayDate(date))
        case .sentOn(let date): self = .sentOn(DayDate(date))
        case .sentSince(let date): self = .sentSince(DayDate(date))
        case .savedBefore(let date): self = .savedBefore(DayDate(date))
        case .savedOn(let date): self = .savedOn(DayDate(date))
        case .savedSince(let date): self = .savedSince(DayDate(date))
        case .larger(let size): self = .larger(Int64(clamping: size))
        case .smaller(let size): self = .smaller(Int64(clamping: size))
        case .older(let seconds): self = .older(seconds: Int64(seconds))
        case .younger(let seconds): self = .younger(seconds: Int64(seconds))
        case .uid(let set): self = .uids(scope.uidRanges(ofUIDs: set))
        case .sequenceNumbers(let set): self = .uids(scope.uidRanges(ofSequenceNumbers: set))
        // Per-flag modseqs are not kept; the message's modseq is the upper bound RFC 7162 allows.
        case .modSeq(_, let modseq): self = .modseq(modseq)
        case .emailID(let id): self = .emailID(id)
        // Threads are not computed (THREADID is not advertised): no message has one.
        case .threadID: self = .not(.all)
        // FUZZY (RFC 6203) is not advertised; the key is searched exactly.
        case .fuzzy(let inner): self = SearchQuery(inner, scope: scope)
        case .not(let inner): self = .not(SearchQuery(inner, scope: scope))
        case .or(let left, let right): self = .or(SearchQuery(left, scope: scope), SearchQuery(right, scope: scope))
        case .and(let keys): self = .and(keys.map { SearchQuery($0, scope: scope) })
        }
    }
}

extension DayDate {
    /// The day of an IMAP date.
    public init(_ date: IMAPDate) {
        self.init(year: date.year, month: date.month, day: date.day)
    }
}
