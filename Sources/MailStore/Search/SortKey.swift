import MailMessage

/// One key of an IMAP SORT (RFC 5256, RFC 5957 DISPLAYFROM/DISPLAYTO).
public struct SortKey: Hashable, Sendable {
    public enum Criterion: Hashable, Sendable {
        /// INTERNALDATE.
        case arrival
        /// The folded local part of the first Cc address.
        case cc
        /// The Date: header as a moment; INTERNALDATE when missing or unreadable.
        case date
        case from
        /// RFC822.SIZE.
        case size
        /// The base subject (RFC 5256 §2.1), compared without regard to case.
        case subject
        case to
        case displayFrom
        case displayTo
    }

    public var criterion: Criterion
    public var reverse: Bool

    public init(_ criterion: Criterion, reverse: Bool = false) {
        self.criterion = criterion
        self.reverse = reverse
    }

    /// Whether the key needs the message itself rather than the index.
    var needsMessage: Bool {
        switch criterion {
        case .arrival, .size: false
        default: true
        }
    }

    func value(of record: MessageRecord, message: MIMEMessage?) -> SortValue {
        switch criterion {
        case .arrival: return .number(record.internalDate)
        case .size: return .number(record.virtualSize)
        case .date:
            if let message, let field = message.fields(named: "Date").last,
               let date = MessageDate(parsing: message.rawValue(of: field)) {
                return .number(Int64(date.secondsSince1970))
            }
            return .number(record.internalDate)
        case .subject: return .text(UnicodeCasemap.fold(message?.baseSubject ?? ""))
        case .from: return .text(message?.addressSortKey("From") ?? "")
        case .to: return .text(message?.addressSortKey("To") ?? "")
        case .cc: return .text(message?.addressSortKey("Cc") ?? "")
        case .displayFrom: return .text(message?.displaySortKey("From") ?? "")
        case .displayTo: return .text(message?.displaySortKey("To") ?? "")
        }
    }
}

/// A sort key's value for one message.
enum SortValue: Comparable {
    case number(Int64)
    /// Already folded with i;unicode-casemap, so compared as octets.
    case text(String)

    static func < (lhs: SortValue, rhs: SortValue) -> Bool {
        switch (lhs, rhs) {
        case (.number(let left), .number(let right)): left < right
        case (.text(let left), .text(let right)): Array(left.utf8).lexicographicallyPrecedes(Array(right.utf8))
        case (.number, .text): true
        case (.text, .number): false
        }
    }
}
