/// A search over one mailbox: every key of IMAP SEARCH (RFC 3501 §6.4.4, RFC 9051 §6.4.4) with
/// CONDSTORE's MODSEQ (RFC 7162), WITHIN's OLDER/YOUNGER (RFC 5032), SAVEDATE's SAVED* (RFC 8514)
/// and OBJECTID's EMAILID (RFC 8474).
///
/// Message sequence numbers belong to a session's view; the IMAP layer turns them into UIDs
/// before it asks the store. Dates are days (`DayDate`), compared with the time of day and the
/// time zone disregarded as the RFCs require.
public indirect enum SearchQuery: Hashable, Sendable {
    case all
    /// Messages with every one of these system flags.
    case flagged(MessageFlags)
    /// Messages with none of these system flags.
    case notFlagged(MessageFlags)
    case keyword(String)
    case unkeyword(String)
    /// `\Recent` is a session property: the IMAP layer passes the UIDs recent in its session.
    case uids([ClosedRange<UInt32>])
    /// `HEADER name value`, also `FROM`, `TO`, `CC`, `BCC`, `SUBJECT`: the decoded field contains
    /// the value; an empty value matches any message that has the field.
    case header(String, String)
    case body(String)
    case text(String)
    /// INTERNALDATE before, on or since the day.
    case receivedBefore(DayDate)
    case receivedOn(DayDate)
    case receivedSince(DayDate)
    /// Date: header before, on or since the day (messages without a usable Date: fall back to
    /// INTERNALDATE, as Dovecot does).
    case sentBefore(DayDate)
    case sentOn(DayDate)
    case sentSince(DayDate)
    /// Save date before, on or since the day.
    case savedBefore(DayDate)
    case savedOn(DayDate)
    case savedSince(DayDate)
    /// RFC822.SIZE larger or smaller than the number.
    case larger(Int64)
    case smaller(Int64)
    /// INTERNALDATE at least / less than this many seconds before now (OLDER / YOUNGER).
    case older(seconds: Int64)
    case younger(seconds: Int64)
    /// Messages whose modseq is at least the number.
    case modseq(UInt64)
    /// The message's EMAILID (its GUID).
    case emailID(String)
    case not(SearchQuery)
    case or(SearchQuery, SearchQuery)
    case and([SearchQuery])

    /// No key reads more of a message than its header (BODY and TEXT read the rest).
    var needsOnlyHeader: Bool {
        switch self {
        case .body, .text: false
        case .not(let inner): inner.needsOnlyHeader
        case .or(let left, let right): left.needsOnlyHeader && right.needsOnlyHeader
        case .and(let queries): queries.allSatisfy(\.needsOnlyHeader)
        default: true
        }
    }
}

/// A calendar day, as IMAP search dates are (`1-Feb-1994`).
public struct DayDate: Hashable, Comparable, Sendable {
    /// Days since 1970-01-01.
    public var daysSince1970: Int64

    public init(daysSince1970: Int64) {
        self.daysSince1970 = daysSince1970
    }

    /// The day of a calendar date.
    public init(year: Int, month: Int, day: Int) {
        // Days from civil (Howard Hinnant's algorithm), valid for the proleptic Gregorian calendar.
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * monthIndex + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        self.daysSince1970 = era * 146_097 + dayOfEra - 719_468
    }

    /// The UTC day of a moment, in seconds since 1970, shifted by `offsetMinutes` first.
    public init(secondsSince1970: Int64, offsetMinutes: Int = 0) {
        let shifted = secondsSince1970 + Int64(offsetMinutes) * 60
        self.daysSince1970 = shifted >= 0 ? shifted / 86_400 : (shifted - 86_399) / 86_400
    }

    public static func < (lhs: DayDate, rhs: DayDate) -> Bool { lhs.daysSince1970 < rhs.daysSince1970 }
}
