/// An enhanced mail system status code, `class.subject.detail` (RFC 3463 §2, used in replies per
/// RFC 2034).
///
/// `class` is 2, 4 or 5; `subject` and `detail` are one to three digits. `5.1.1` is "bad destination
/// mailbox address".
public struct EnhancedStatusCode: Hashable, Sendable, CustomStringConvertible {
    /// 2 (success), 4 (persistent transient failure) or 5 (permanent failure).
    public var statusClass: Int
    /// The subject, 0...999 (RFC 3463 §3: 0 other, 1 addressing, 2 mailbox, 3 mail system, …).
    public var subject: Int
    /// The detail, 0...999.
    public var detail: Int

    /// Makes a code; traps if a part is out of range, which is a programming error.
    public init(_ statusClass: Int, _ subject: Int, _ detail: Int) {
        precondition([2, 4, 5].contains(statusClass), "enhanced status class must be 2, 4 or 5")
        precondition((0...999).contains(subject) && (0...999).contains(detail), "enhanced status part out of range")
        self.statusClass = statusClass
        self.subject = subject
        self.detail = detail
    }

    /// Parses `class "." subject "." detail` from the whole of `text`; nil if it is not one.
    ///
    /// ```
    /// status-code ::= class "." subject "." detail
    /// class       ::= "2" / "4" / "5"
    /// subject     ::= "0" / non-zero-digit 0*2digit  ; RFC 3463 allows 1-3 digits
    /// detail      ::= "0" / non-zero-digit 0*2digit
    /// ```
    /// Leading zeros ("5.01.1") are accepted: real servers send them.
    public init?(parsing text: Substring) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            parts[0].count == 1, let statusClass = Int(parts[0]), [2, 4, 5].contains(statusClass),
            (1...3).contains(parts[1].count), parts[1].allSatisfy(\.isASCIIDigit), let subject = Int(parts[1]),
            (1...3).contains(parts[2].count), parts[2].allSatisfy(\.isASCIIDigit), let detail = Int(parts[2])
        else { return nil }
        self.init(statusClass, subject, detail)
    }

    public var description: String { "\(self.statusClass).\(self.subject).\(self.detail)" }
}

extension Character {
    var isASCIIDigit: Bool { self >= "0" && self <= "9" && self.isASCII }
}
