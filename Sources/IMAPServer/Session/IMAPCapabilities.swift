import Auth
import ServerKit

/// The capability list for a session's current state (RFC 9051 §7.2.2): what works now, and
/// nothing that does not.
struct IMAPCapabilities {
    /// Non-synchronizing literals up to this size are accepted under LITERAL- (RFC 7888 §4).
    static let literalMinusSize: UInt64 = 4096

    /// The smallest literal limit for which the server advertises LITERAL+ instead of LITERAL-.
    ///
    /// RFC 7888 lets a server refuse a non-synchronizing literal only after reading it, so a
    /// client trusting LITERAL+ may upload a large literal for nothing. Before login the limit
    /// is a few kilobytes (user names and passwords): LITERAL- tells clients to synchronize
    /// anything over 4096 octets. Once messages may be appended, the limit is the message size
    /// limit and LITERAL+ is offered.
    static let literalPlusMinimum: UInt64 = 1024 * 1024

    static func list(
        state: IMAPSessionState,
        connection: Connection,
        client: ClientInfo,
        authenticator: Authenticator,
        literalLimit: UInt64,
        messageLimit: UInt64
    ) -> [String] {
        // ENABLE is listed before login too, as clients read the greeting's list (RFC 5161 §3.1
        // allows the command only after login).
        var list = ["IMAP4rev2", "IMAP4rev1", "ID", "ENABLE"]
        if literalLimit >= literalPlusMinimum {
            list.append("LITERAL+")
        } else if literalLimit >= literalMinusSize {
            list.append("LITERAL-")
        }
        if state.isAuthenticated {
            list += [
                "UTF8=ACCEPT", "UNAUTHENTICATE", "NAMESPACE", "LIST-EXTENDED", "LIST-STATUS", "CHILDREN",
                "SPECIAL-USE", "CREATE-SPECIAL-USE", "STATUS=SIZE", "APPENDLIMIT=\(messageLimit)", "COMPRESS=DEFLATE",
                "IDLE", "UNSELECT", "UIDPLUS", "MOVE", "MULTIAPPEND", "BINARY", "ESEARCH", "SEARCHRES", "WITHIN",
                "CONDSTORE", "QRESYNC", "SAVEDATE", "OBJECTID", "QUOTA", "QUOTA=RES-STORAGE", "QUOTA=RES-MESSAGE",
            ]
        } else {
            if connection.canStartTLS { list.append("STARTTLS") }
            if !client.allowsPlaintext(authenticator.configuration.plaintextPolicy) { list.append("LOGINDISABLED") }
            list.append("SASL-IR")
            list += authenticator.offeredMechanisms(for: client).map { "AUTH=\($0.rawValue)" }
        }
        return list
    }
}
