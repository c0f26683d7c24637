/// The argument of MAIL FROM: a mailbox or `<>` (RFC 5321 §4.1.2 `Reverse-path = Path / "<>"`).
///
/// A source route (`<@relay.example:user@example.org>`) is accepted and dropped, as RFC 5321 §4.1.2
/// and Appendix C tell servers to.
public enum ReversePath: Hashable, Sendable, CustomStringConvertible {
    /// `<>`: no bounces (DSNs and other notifications use it).
    case null
    /// `<mailbox>`
    case mailbox(SMTPMailbox)

    public var description: String {
        switch self {
        case .null: "<>"
        case .mailbox(let mailbox): "<\(mailbox)>"
        }
    }
}
