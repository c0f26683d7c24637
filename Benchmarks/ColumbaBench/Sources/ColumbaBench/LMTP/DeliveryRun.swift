/// An LMTP delivery run: N clients, each delivering messages of a ``MessageMix`` to 1..k of M
/// users until the ``RunControl`` stops them (its operation budget counts messages); the first
/// wrong or missing reply fails the run.
public struct DeliveryRun: Sendable {
    /// What the clients send.
    public struct Settings: Sendable {
        public var mix: MessageMix
        /// The users, whose names are the recipient addresses.
        public var recipients: UserDirectory
        /// The most recipients of one message (k).
        public var maximumRecipients: Int
        /// Transactions per session before QUIT and a new connection.
        public var messagesPerSession: Int

        public init(mix: MessageMix, recipients: UserDirectory, maximumRecipients: Int, messagesPerSession: Int) {
            precondition(maximumRecipients > 0 && messagesPerSession > 0, "a transaction needs a recipient, a session a message")
            self.mix = mix
            self.recipients = recipients
            self.maximumRecipients = maximumRecipients
            self.messagesPerSession = messagesPerSession
        }
    }

    public struct Outcome: Sendable {
        public var stats: DeliveryStats
        /// Seconds from the end of the warm-up to the last client's end.
        public var measuredSeconds: Double
    }

    public var connector: LMTPConnector
    public var settings: Settings
    public var clients: Int
    public var seed: UInt64

    public init(connector: LMTPConnector, settings: Settings, clients: Int, seed: UInt64) {
        self.connector = connector
        self.settings = settings
        self.clients = clients
        self.seed = seed
    }

    public func run(control: RunControl) async throws -> Outcome {
        var stats = DeliveryStats()
        try await withThrowingTaskGroup(of: DeliveryStats.self) { group in
            for index in 0..<clients {
                let random = SeededGenerator(seed: seed &+ UInt64(index) &* 0x9E37_79B9)
                let (connector, settings) = (self.connector, self.settings)
                group.addTask {
                    var client = DeliveryClient(name: "client \(index + 1)", connector: connector, settings: settings,
                                                control: control, random: random)
                    return try await client.run()
                }
            }
            for try await clientStats in group {
                stats.merge(clientStats)
            }
        }
        let measured = IdleHold.seconds(ContinuousClock.now - control.measureFrom)
        return Outcome(stats: stats, measuredSeconds: max(measured, 0.001))
    }
}
