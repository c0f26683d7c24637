import Auth

/// What an IMAP session remembers between commands, as a value (hibernation and restart
/// handover will move sessions by moving this).
struct IMAPSessionState: Sendable {
    /// RFC 9051 §3: the connection's state.
    enum Phase: Sendable {
        case notAuthenticated
        case authenticated(AuthenticatedUser)
    }

    var phase = Phase.notAuthenticated
    /// Extensions the client turned on with ENABLE (RFC 5161), upper-cased.
    var enabled: Set<String> = []
    /// COMPRESS=DEFLATE is on (RFC 4978); it stays on for the connection's life.
    var compressing = false
    var authenticationFailures = 0
    var invalidCommands = 0
    /// The selected mailbox (RFC 9051 §3: the selected state).
    var selected: SelectedMailbox?
    /// CONDSTORE is on: turned on by ENABLE, or by the first command that uses it (RFC 7162 §3.1).
    var condstore = false

    /// The extensions ENABLE can turn on.
    static let enableable: Set<String> = ["IMAP4REV2", "UTF8=ACCEPT", "CONDSTORE", "QRESYNC"]

    /// The logged-in user's name.
    var user: String? {
        if case .authenticated(let user) = phase { return user.username }
        return nil
    }

    var isAuthenticated: Bool {
        if case .authenticated = phase { return true }
        return false
    }

    /// Mailbox names travel as UTF-8 instead of modified UTF-7: RFC 6855 §3 (UTF8=ACCEPT) and
    /// RFC 9051 §5.1 (an IMAP4rev2 session).
    /// The client did not ENABLE IMAP4rev2, so IMAP4rev1's rules apply (`\Recent`, RECENT,
    /// UNSEEN on SELECT).
    var rev1: Bool { !enabled.contains("IMAP4REV2") }

    /// QRESYNC is on (RFC 7162 §3.2.3): VANISHED replaces EXPUNGE.
    var qresync: Bool { enabled.contains("QRESYNC") }

    var usesUTF8MailboxNames: Bool {
        enabled.contains("UTF8=ACCEPT") || enabled.contains("IMAP4REV2")
    }
}
