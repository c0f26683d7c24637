/// The part of a mailbox after `@`: a domain name or an address literal (RFC 5321 §4.1.2).
public enum SMTPHost: Hashable, Sendable, CustomStringConvertible {
    /// A domain, as written (case preserved; compare case-insensitively). May hold U-labels when the
    /// address came with SMTPUTF8 (RFC 6531 §3.3).
    case domain(String)
    /// `[…]`
    case addressLiteral(AddressLiteral)

    public var description: String {
        switch self {
        case .domain(let name): name
        case .addressLiteral(let literal): literal.description
        }
    }
}
