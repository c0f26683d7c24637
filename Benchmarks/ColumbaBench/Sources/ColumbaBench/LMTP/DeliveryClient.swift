/// One client of an LMTP run: sessions of LHLO, up to ``DeliveryRun/Settings/messagesPerSession``
/// transactions and QUIT, one after another until the run stops. A transaction pipelines
/// (RSET,) MAIL, 1 to k RCPTs to distinct users and DATA, sends the message after the 354, and
/// reads one reply per recipient after the final dot; every reply is checked.
struct DeliveryClient {
    let name: String
    let connector: LMTPConnector
    let settings: DeliveryRun.Settings
    let control: RunControl
    var random: SeededGenerator

    mutating func run() async throws -> DeliveryStats {
        var stats = DeliveryStats()
        while control.shouldContinue {
            try await runSession(&stats)
        }
        return stats
    }

    private mutating func runSession(_ stats: inout DeliveryStats) async throws {
        var random = self.random
        defer { self.random = random }
        let (settings, control) = (self.settings, self.control)
        try await connector.withSession(name: name) { session in
            session.beginExchange()
            try await session.send(["LHLO bench.example.net"])
            let lhlo = try await session.reply()
            _ = try session.check { () throws(CheckFailure) in
                try LMTPReplyChecks.lhlo(lhlo, largestMessage: settings.mix.largestSize)
            }
            var transactions = 0
            while transactions < settings.messagesPerSession, control.shouldContinue {
                let message = settings.mix.randomMessage(using: &random)
                let recipients = Self.recipients(settings, using: &random)
                try await deliver(message, to: recipients, resetFirst: transactions > 0, session: session, stats: &stats)
                transactions += 1
            }
            session.beginExchange()
            try await session.send(["QUIT"])
            let quit = try await session.reply()
            try session.check { () throws(CheckFailure) in try LMTPReplyChecks.quit(quit) }
        }
    }

    private func deliver(_ message: LMTPMessage, to recipients: [String], resetFirst: Bool, session: LMTPClientSession,
                         stats: inout DeliveryStats) async throws {
        session.beginExchange()
        let start = ContinuousClock.now
        let commands = (resetFirst ? ["RSET"] : []) + ["MAIL FROM:<\(message.sender)>"]
            + recipients.map { "RCPT TO:<\($0)>" } + ["DATA"]
        try await session.send(commands)
        for command in commands {
            let reply = try await session.reply()
            let name = String(command.prefix { $0 != " " && $0 != ":" })
            try session.check { () throws(CheckFailure) in
                try LMTPReplyChecks.expect(command == "DATA" ? 354 : 250, reply, to: name == "RCPT" ? command : name)
            }
        }
        let envelope = ContinuousClock.now - start
        try await session.sendContent(message)
        let dot = ContinuousClock.now
        try await session.sendFinalDot(recipients: recipients.count)
        for recipient in recipients {
            let reply = try await session.reply()
            try session.check { () throws(CheckFailure) in try LMTPReplyChecks.delivered(reply, recipient: recipient) }
        }
        let data = ContinuousClock.now - dot
        stats.deliveredMessages += 1
        stats.deliveredRecipients += recipients.count
        if control.recordNow() {
            stats.latencies.record("ENVELOPE", envelope)
            stats.latencies.record("DATA", data)
            stats.measuredMessages += 1
            stats.measuredRecipients += recipients.count
            stats.measuredOctets += message.size
        }
    }

    /// 1 to `maximumRecipients` distinct users, the count drawn uniformly.
    static func recipients(_ settings: DeliveryRun.Settings, using random: inout SeededGenerator) -> [String] {
        let users = settings.recipients.accounts
        let count = Int.random(in: 1...min(settings.maximumRecipients, users.count), using: &random)
        var chosen: [String] = []
        while chosen.count < count {
            let user = users.randomElement(using: &random)!.name
            if !chosen.contains(user) { chosen.append(user) }
        }
        return chosen
    }
}
