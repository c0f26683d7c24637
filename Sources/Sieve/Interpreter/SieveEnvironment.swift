import MailMessage

/// What a script looks at: the message and its SMTP envelope.
public struct SieveEnvironment: Sendable {
    public var message: MIMEMessage
    /// The size of the message in octets (the `size` test).
    public var size: Int
    /// MAIL FROM, without angle brackets; empty for the null sender.
    public var envelopeFrom: String
    /// The RCPT TO of this delivery.
    public var envelopeTo: String
    /// The original recipient (DSN ORCPT, RFC 3461) when it differs from ``envelopeTo``.
    public var originalRecipient: String?
    /// The SMTP AUTH identity the message was submitted with (`envelope "auth"`), if any.
    public var authenticatedUser: String?

    /// Seconds since 1970 at delivery (`currentdate`).
    public var now: Int
    /// The server's local time zone in minutes east of UTC: dates without `:zone` are shown in it.
    public var localZoneOffset: Int
    /// What the `environment` test reads (RFC 5183 §4.1): `domain`, `host`, `location`, `name`,
    /// `phase`, `remote-host`, `remote-ip`, `version`; a name missing here does not match.
    public var items: [String: String] = ["name": "Columba", "location": "MDA", "phase": "during"]
    /// RFC 5235 `spamtest`: 0 when the message was not tested, else 1 (surely not spam) to 10
    /// (surely spam); the delivery agent derives it from its scanner's header.
    public var spamScore: Int = 0
    /// `spamtest :percent`: 0–100, or `nil` when the message was not tested.
    public var spamPercent: Int?
    /// RFC 5235 `virustest`: 0 not tested, 1 clean … 5 infected.
    public var virusScore: Int = 0
    /// The user's mailbox names, for `mailboxexists` (RFC 5490).
    public var mailboxes: Set<String> = ["INBOX"]
    /// The special-use attributes of the user's mailboxes (RFC 6154), lower-cased, by mailbox name,
    /// for `specialuse_exists` (RFC 8579).
    public var specialUse: [String: Set<String>] = [:]

    public init(
        message: MIMEMessage,
        size: Int,
        envelopeFrom: String,
        envelopeTo: String,
        now: Int = 0,
        localZoneOffset: Int = 0
    ) {
        self.message = message
        self.size = size
        self.envelopeFrom = envelopeFrom
        self.envelopeTo = envelopeTo
        self.now = now
        self.localZoneOffset = localZoneOffset
    }
}
