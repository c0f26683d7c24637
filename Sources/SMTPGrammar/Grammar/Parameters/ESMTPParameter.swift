/// An ESMTP parameter the grammar has no type for, kept as written (RFC 5321 §4.1.2).
///
/// ```
/// esmtp-param   = esmtp-keyword ["=" esmtp-value]
/// esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
/// esmtp-value   = 1*(%d33-60 / %d62-126)
/// ```
/// The keyword is upper-cased (keywords are case-insensitive); the value is untouched. The session
/// answers `555 5.5.4` (RFC 5321 §4.1.1.11) for keywords it did not advertise.
public struct ESMTPParameter: Hashable, Sendable, CustomStringConvertible {
    /// The keyword, upper case.
    public var keyword: String
    /// The value after "=", if any.
    public var value: String?

    /// Makes a parameter.
    public init(keyword: String, value: String? = nil) {
        self.keyword = keyword.uppercased()
        self.value = value
    }

    public var description: String { self.value.map { "\(self.keyword)=\($0)" } ?? self.keyword }
}
