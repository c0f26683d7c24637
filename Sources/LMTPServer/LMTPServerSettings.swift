/// Limits and names an LMTP listener uses, from the configuration.
public struct LMTPServerSettings: Sendable {
    /// The name in the greeting, the LHLO reply and Received lines.
    public var hostname: String
    /// The largest message accepted, in octets (advertised as `SIZE`).
    public var maximumMessageSize: Int
    /// The most recipients of one transaction.
    public var maximumRecipients: Int
    /// Whether a `Received:` line is added.
    public var addsReceivedHeader: Bool
    /// Invalid commands after which the connection is closed with `421`.
    public var maximumInvalidCommands: Int

    public init(
        hostname: String,
        maximumMessageSize: Int = 50 * 1024 * 1024,
        maximumRecipients: Int = 500,
        addsReceivedHeader: Bool = true,
        maximumInvalidCommands: Int = 20
    ) {
        self.hostname = hostname
        self.maximumMessageSize = maximumMessageSize
        self.maximumRecipients = maximumRecipients
        self.addsReceivedHeader = addsReceivedHeader
        self.maximumInvalidCommands = maximumInvalidCommands
    }
}
