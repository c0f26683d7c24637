/// How the LMTP server accepts and stores messages (`lmtp.*`).
public struct LMTPConfiguration: Sendable, Hashable {
    /// Whether a `Received:` line is added to each delivered message.
    public var receivedHeader: Bool
    /// The largest message accepted, in octets, 1 KiB...2 GiB; advertised in `SIZE`.
    public var maxMessageSize: Int
    /// The most recipients of one transaction, 1...100000; more get `452 4.5.3`.
    public var maxRecipients: Int

    /// Creates the LMTP settings.
    public init(receivedHeader: Bool = true, maxMessageSize: Int = 50 * 1024 * 1024, maxRecipients: Int = 500) {
        self.receivedHeader = receivedHeader
        self.maxMessageSize = maxMessageSize
        self.maxRecipients = maxRecipients
    }
}

/// The administrator's Sieve settings for delivery (`sieve.*`).
public struct SieveConfiguration: Sendable, Hashable {
    /// Scripts (files, or folders whose `*.sieve` files run in name order) run before the user's.
    public var before: [String]
    /// Scripts run after the user's.
    public var after: [String]
    /// `host:port` of the SMTP relay that takes redirects and vacation replies; `nil` drops them
    /// with a logged note.
    public var relay: String?

    /// Creates the Sieve settings.
    public init(before: [String] = [], after: [String] = [], relay: String? = nil) {
        self.before = before
        self.after = after
        self.relay = relay
    }
}
