/// What a script decided to do with a message; the delivery agent carries it out.
public enum SieveAction: Hashable, Sendable {
    /// Store in the user's default mailbox (INBOX), with the flags of imap4flags when given.
    case keep(flags: Set<String>?)
    /// Store in `mailbox`; `create` (RFC 5490) makes the mailbox when missing. With `specialUse`
    /// (RFC 8579) the message goes to the user's mailbox with that special-use attribute when there
    /// is one, and to `mailbox` otherwise (made with the attribute when `create`).
    case fileInto(mailbox: String, flags: Set<String>?, create: Bool, specialUse: String? = nil)
    /// Send the message on to `address` unchanged.
    case redirect(address: String)
    /// Refuse the message with `reason`: a DSN (`reject`) or an SMTP-level refusal (`ereject`).
    case reject(reason: String, extended: Bool)
    /// Throw the message away.
    case discard
    /// Send an automatic reply (RFC 5230), if the delivery agent's response tracking allows one
    /// for this sender within ``VacationResponse/interval``.
    case vacation(VacationResponse)
    /// Tell someone about the message (RFC 5435), by the method the URI names.
    case notify(SieveNotification)
}

/// The reply a `vacation` action asks for; the rules about whom not to answer were applied.
public struct VacationResponse: Hashable, Sendable {
    /// The envelope sender of the message being answered: the reply's recipient.
    public var recipient: String
    /// The reply's Subject.
    public var subject: String
    /// The reply's From, when the script gave one; else the user's address.
    public var from: String?
    /// The reply's body text, or a MIME entity when ``isMIME``.
    public var reason: String
    public var isMIME: Bool
    /// Identifies this vacation for response tracking (RFC 5230 §4.2): the same sender gets one
    /// reply per handle per interval.
    public var handle: String
    /// Seconds between replies to one sender.
    public var interval: Int
    /// The Message-ID of the message being answered, for In-Reply-To and References.
    public var inReplyTo: String?
}

/// The outcome of running a script: its actions, in order and without duplicates.
public struct SieveResult: Hashable, Sendable {
    public var actions: [SieveAction]
    /// The message after `addheader`/`deleteheader` (RFC 5293), which keep and fileinto store;
    /// `nil` when the script changed nothing.
    public var editedMessage: [UInt8]?
    /// Set when the script failed at run time; the actions are then the implicit keep only
    /// (RFC 5228 §2.10.6).
    public var runtimeError: String?
    /// What the `duplicate` test asks to remember once the message is delivered (RFC 7352 §3);
    /// empty after a runtime error.
    public var duplicateMarks: [SieveDuplicateMark]

    init(actions: [SieveAction], editedMessage: [UInt8]? = nil, runtimeError: String?,
         duplicateMarks: [SieveDuplicateMark] = []) {
        self.actions = actions
        self.editedMessage = editedMessage
        self.runtimeError = runtimeError
        self.duplicateMarks = duplicateMarks
    }
}
