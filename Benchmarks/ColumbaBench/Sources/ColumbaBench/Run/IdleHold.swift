/// The idle-hold measurement: open many connections that LOGIN, SELECT INBOX and IDLE, hold them,
/// and compare the server's memory before opening them and while they are held.
public struct IdleHold: Sendable {
    public var connector: IMAPConnector
    public var users: UserDirectory
    public var connections: Int
    /// How many connections may be between connecting and idling at once.
    public var connectConcurrency: Int
    /// How long the connections are held before the second measurement.
    public var holdSeconds: Double
    /// Whose memory to measure; nil measures nothing.
    public var memory: ProcessMemory.Selection?

    public init(connector: IMAPConnector, users: UserDirectory, connections: Int, connectConcurrency: Int,
                holdSeconds: Double, memory: ProcessMemory.Selection?) {
        self.connector = connector
        self.users = users
        self.connections = connections
        self.connectConcurrency = connectConcurrency
        self.holdSeconds = holdSeconds
        self.memory = memory
    }

    public struct Outcome: Sendable {
        public var stats: CommandStats
        public var before: ProcessMemory?
        public var held: ProcessMemory?
        /// Seconds from the first connection to the last one idling.
        public var setupSeconds: Double
    }

    public func run() async throws -> Outcome {
        let control = RunControl(warmupSeconds: 0, durationSeconds: nil, operations: nil)
        let coordinator = HoldCoordinator()
        let before = memory.map { ProcessMemory.measure($0) }
        var held: ProcessMemory?
        var setupSeconds = 0.0
        let start = ContinuousClock.now
        var stats = CommandStats()
        try await withThrowingTaskGroup(of: CommandStats.self) { group in
            for index in 0..<connections {
                if index >= connectConcurrency,
                   await !coordinator.waitForEstablished(atLeast: index - connectConcurrency + 1) {
                    break
                }
                let account = users.account(forClient: index)
                let connector = self.connector
                group.addTask {
                    do {
                        return try await Self.holdOne(account, connector: connector, control: control, coordinator: coordinator)
                    } catch {
                        await coordinator.abort()
                        throw error
                    }
                }
            }
            if await coordinator.waitForEstablished(atLeast: connections) {
                setupSeconds = Self.seconds(ContinuousClock.now - start)
                try await Task.sleep(for: .milliseconds(Int64(holdSeconds * 1000)))
                held = memory.map { ProcessMemory.measure($0) }
            }
            await coordinator.release()
            for try await clientStats in group {
                stats.merge(clientStats)
            }
        }
        return Outcome(stats: stats, before: before, held: held, setupSeconds: setupSeconds)
    }

    private static func holdOne(_ account: UserDirectory.Account, connector: IMAPConnector, control: RunControl,
                                coordinator: HoldCoordinator) async throws -> CommandStats {
        try await connector.withSession(user: account.name) { session in
            let steps = SessionSteps(session: session, control: control)
            var stats = CommandStats()
            try await steps.login(account, stats: &stats)
            _ = try await steps.select(learningUIDs: false, stats: &stats)
            let idleStart = ContinuousClock.now
            let tag = try await session.startIdle()
            stats.record("IDLE", ContinuousClock.now - idleStart)
            await coordinator.markEstablished()
            await coordinator.waitForRelease()
            let done = try await session.finishIdle(tag: tag)
            try steps.check { () throws(CheckFailure) in try ResponseChecks.expectOK(done, command: "IDLE") }
            try await steps.logout(stats: &stats)
            return stats
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
