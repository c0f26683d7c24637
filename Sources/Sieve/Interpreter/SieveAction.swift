/// What a script decided to do with a message; the delivery agent carries it out.
public enum SieveAction: Hashable, Sendable {
    /// Store in the user's default mailbox (INBOX), with the flags of imap4flags when given.
    case keep(flags: Set<String>?)
    /// Store in `mailbox`; `create` (RFC 5490) makes the mailbox when missing.
    case fileInto(mailbox: String, flags: Set<String>?, create: Bool)
    /// Send the message on to `address` unchanged.
    case redirect(address: String)
    /// Refuse the message with `reason`: a DSN (`reject`) or an SMTP-level refusal (`ereject`).
    case reject(reason: String, extended: Bool)
    /// Throw the message away.
    case discard
}

/// The outcome of running a script: its actions, in order and without duplicates.
public struct SieveResult: Hashable, Sendable {
    public var actions: [SieveAction]
    /// Set when the script failed at run time; the actions are then the implicit keep only
    /// (RFC 5228 §2.10.6).
    public var runtimeError: String?
}
