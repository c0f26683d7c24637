/// A client command (RFC 5804 §2). Script names are UTF-8 text; scripts are the octets sent.
public enum ManageSieveCommand: Sendable, Hashable {
    /// `AUTHENTICATE mechanism [initial-response]` (§2.1); the response is still base64.
    case authenticate(mechanism: String, initialResponse: String?)
    /// `STARTTLS` (§2.2).
    case startTLS
    /// `LOGOUT` (§2.3).
    case logout
    /// `CAPABILITY` (§2.4).
    case capability
    /// `HAVESPACE name size` (§2.5).
    case haveSpace(name: String, size: UInt64)
    /// `PUTSCRIPT name script` (§2.6).
    case putScript(name: String, script: [UInt8])
    /// `LISTSCRIPTS` (§2.7).
    case listScripts
    /// `SETACTIVE name`; the empty name deactivates (§2.8).
    case setActive(name: String)
    /// `GETSCRIPT name` (§2.9).
    case getScript(name: String)
    /// `DELETESCRIPT name` (§2.10).
    case deleteScript(name: String)
    /// `RENAMESCRIPT old new` (§2.11.1).
    case renameScript(from: String, to: String)
    /// `CHECKSCRIPT script` (§2.12).
    case checkScript(script: [UInt8])
    /// `NOOP [tag]` (§2.13); the tag comes back in a TAG response code.
    case noop(tag: String?)
    /// `UNAUTHENTICATE` (§2.14.1).
    case unauthenticate
}
