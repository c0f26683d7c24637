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

    /// Seconds since 1970 at delivery (`currentdate`).
    public var now: Int
    /// The server's local time zone in minutes east of UTC: dates without `:zone` are shown in it.
    public var localZoneOffset: Int

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
