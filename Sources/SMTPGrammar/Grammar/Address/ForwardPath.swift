/// The argument of RCPT TO (RFC 5321 §4.1.1.3):
/// `( "<Postmaster@" Domain ">" / "<Postmaster>" / Forward-path )`.
///
/// `<Postmaster@domain>` is an ordinary mailbox; only the domain-less `<Postmaster>` (any case) is
/// its own case.
public enum ForwardPath: Hashable, Sendable, CustomStringConvertible {
    /// `<Postmaster>` without a domain: the server's own postmaster.
    case postmaster
    /// `<mailbox>`
    case mailbox(SMTPMailbox)

    public var description: String {
        switch self {
        case .postmaster: "<Postmaster>"
        case .mailbox(let mailbox): "<\(mailbox)>"
        }
    }
}
