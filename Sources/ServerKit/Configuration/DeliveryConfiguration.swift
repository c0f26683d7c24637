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

/// The administrator's Sieve settings for delivery and ManageSieve (`sieve.*`).
public struct SieveConfiguration: Sendable, Hashable {
    /// Scripts (files, or folders whose `*.sieve` files run in name order) run before the user's.
    public var before: [String]
    /// Scripts run after the user's.
    public var after: [String]
    /// `host:port` of the SMTP relay that takes redirects and vacation replies; `nil` drops them
    /// with a logged note.
    public var relay: String?
    /// The largest script a user may upload through ManageSieve, in octets, 1 KiB...1 MiB (the
    /// engine's own bound); Pigeonhole's `sieve_max_script_size`.
    public var maxScriptSize: Int
    /// The most scripts a user may keep, 1...10000; Pigeonhole's `sieve_quota_max_scripts`.
    public var maxScripts: Int

    /// Creates the Sieve settings.
    public init(
        before: [String] = [], after: [String] = [], relay: String? = nil,
        maxScriptSize: Int = 1 << 20, maxScripts: Int = 100
    ) {
        self.before = before
        self.after = after
        self.relay = relay
        self.maxScriptSize = maxScriptSize
        self.maxScripts = maxScripts
    }
}
