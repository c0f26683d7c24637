import MailMessage

/// Decides whether one message matches a ``SearchQuery``.
///
/// Keys the index answers (flags, UIDs, dates, sizes, modseq) are tried before keys that need the
/// message itself, which is parsed at most once and only when a key asks for it.
struct SearchEvaluator {
    let record: MessageRecord
    /// Seconds since 1970 at the start of the search (OLDER/YOUNGER).
    let now: Int64
    /// Loads and parses the message; called at most once.
    let load: () async throws -> MIMEMessage
    private var parsed: MIMEMessage?

    init(record: MessageRecord, now: Int64, load: @escaping () async throws -> MIMEMessage) {
        self.record = record
        self.now = now
        self.load = load
    }

    mutating func matches(_ query: SearchQuery) async throws -> Bool {
        if let answer = Self.answerFromIndex(query, record: record, now: now) { return answer }
        switch query {
        case .not(let inner):
            return try await !matches(inner)
        case .or(let left, let right):
            if try await matches(left) { return true }
            return try await matches(right)
        case .and(let queries):
            // Cheap keys first, so most messages are decided without reading them.
            for inner in queries where Self.answerFromIndex(inner, record: record, now: now) == false { return false }
            for inner in queries {
                guard try await matches(inner) else { return false }
            }
            return true
        case .header(let name, let value):
            return try await message().headerContains(name, value)
        case .body(let value):
            return try await message().bodyContains(value)
        case .text(let value):
            return try await message().textContains(value)
        case .sentBefore(let day):
            return try await sentDay() < day
        case .sentOn(let day):
            return try await sentDay() == day
        case .sentSince(let day):
            return try await sentDay() >= day
        default:
            return false
        }
    }

    private mutating func message() async throws -> MIMEMessage {
        if let parsed { return parsed }
        let loaded = try await load()
        parsed = loaded
        return loaded
    }

    /// The day of the Date: header in its own time zone; the internal date's day without one.
    private mutating func sentDay() async throws -> DayDate {
        let message = try await message()
        if let field = message.fields(named: "Date").last, let date = MessageDate(parsing: message.rawValue(of: field)) {
            return DayDate(year: date.year, month: date.month, day: date.day)
        }
        return DayDate(secondsSince1970: record.internalDate)
    }

    /// The answer for keys the index decides alone, `nil` for keys that need the message
    /// (or combine keys that do).
    static func answerFromIndex(_ query: SearchQuery, record: MessageRecord, now: Int64) -> Bool? {
        switch query {
        case .all: return true
        case .flagged(let flags): return record.flags.system.isSuperset(of: flags)
        case .notFlagged(let flags): return record.flags.system.isDisjoint(with: flags)
        case .keyword(let keyword): return record.flags.keywords.contains { $0.lowercased() == keyword.lowercased() }
        case .unkeyword(let keyword): return !record.flags.keywords.contains { $0.lowercased() == keyword.lowercased() }
        case .uids(let ranges): return ranges.contains { $0.contains(record.uid) }
        case .receivedBefore(let day): return DayDate(secondsSince1970: record.internalDate) < day
        case .receivedOn(let day): return DayDate(secondsSince1970: record.internalDate) == day
        case .receivedSince(let day): return DayDate(secondsSince1970: record.internalDate) >= day
        case .savedBefore(let day): return DayDate(secondsSince1970: record.saveDate) < day
        case .savedOn(let day): return DayDate(secondsSince1970: record.saveDate) == day
        case .savedSince(let day): return DayDate(secondsSince1970: record.saveDate) >= day
        case .larger(let size): return record.virtualSize > size
        case .smaller(let size): return record.virtualSize < size
        case .older(let seconds): return now - record.internalDate >= seconds
        case .younger(let seconds): return now - record.internalDate < seconds
        case .modseq(let modseq): return record.modseq >= modseq
        case .emailID(let id): return record.guid.hex == id.lowercased()
        case .not(let inner): return answerFromIndex(inner, record: record, now: now).map { !$0 }
        case .or(let left, let right):
            let first = answerFromIndex(left, record: record, now: now)
            if first == true { return true }
            let second = answerFromIndex(right, record: record, now: now)
            if second == true { return true }
            return first == false && second == false ? false : nil
        case .and(let queries):
            var undecided = false
            for inner in queries {
                switch answerFromIndex(inner, record: record, now: now) {
                case false?: return false
                case nil: undecided = true
                case true?: continue
                }
            }
            return undecided ? nil : true
        case .header, .body, .text, .sentBefore, .sentOn, .sentSince:
            return nil
        }
    }
}
