/// The MAIL parameter `AUTH=` (RFC 4954 §5): who submitted the message, as vouched for by the
/// previous hop, or `<>` when unknown.
public enum AuthIdentity: Hashable, Sendable, CustomStringConvertible {
    /// `AUTH=<>`
    case unknown
    /// `AUTH=xtext`, decoded: normally an addr-spec.
    case identity(String)

    /// The wire form of the value (without `AUTH=`).
    public var description: String {
        switch self {
        case .unknown: "<>"
        case .identity(let text): XText.encode(text)
        }
    }
}
