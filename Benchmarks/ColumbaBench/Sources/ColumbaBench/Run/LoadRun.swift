/// A load run: N clients over the accounts, each running the mixed or the append-only workload
/// until the ``RunControl`` stops them; the first wrong answer fails the run.
public struct LoadRun: Sendable {
    public enum Workload: Sendable {
        case mixed(MixedProfile)
        case append
    }

    public var connector: IMAPConnector
    public var users: UserDirectory
    public var clients: Int
    public var workload: Workload
    public var messages: MessageSource
    public var seed: UInt64

    public init(connector: IMAPConnector, users: UserDirectory, clients: Int, workload: Workload,
                messages: MessageSource, seed: UInt64) {
        self.connector = connector
        self.users = users
        self.clients = clients
        self.workload = workload
        self.messages = messages
        self.seed = seed
    }

    public struct Outcome: Sendable {
        public var stats: CommandStats
        /// Seconds from the end of the warm-up to the last client's end.
        public var measuredSeconds: Double
    }

    public func run(control: RunControl) async throws -> Outcome {
        let exclusive = users.accounts.count >= clients
        var stats = CommandStats()
        try await withThrowingTaskGroup(of: CommandStats.self) { group in
            for index in 0..<clients {
                let account = users.account(forClient: index)
                let random = SeededGenerator(seed: seed &+ UInt64(index) &* 0x9E37_79B9)
                let (connector, messages, workload) = (self.connector, self.messages, self.workload)
                group.addTask {
                    switch workload {
                    case .mixed(let profile):
                        var client = MixedClient(account: account, connector: connector, profile: profile, control: control,
                                                 messages: messages, exclusive: exclusive, random: random)
                        return try await client.run()
                    case .append:
                        var client = AppendClient(account: account, connector: connector, control: control,
                                                  messages: messages, random: random)
                        return try await client.run()
                    }
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
