/// One client of the append-only workload: logs in once, APPENDs to INBOX until the run stops,
/// logs out. With UIDPLUS each APPENDUID must keep the UIDVALIDITY and exceed the last UID.
struct AppendClient {
    let account: UserDirectory.Account
    let connector: IMAPConnector
    let control: RunControl
    let messages: MessageSource
    var random: SeededGenerator

    mutating func run() async throws -> CommandStats {
        var client = self
        return try await connector.withSession(user: account.name) { session in
            let steps = SessionSteps(session: session, control: control)
            var stats = CommandStats()
            try await steps.login(account, stats: &stats)
            let uidPlus = session.capabilities.contains("UIDPLUS")
            var validity: UInt32?
            var lastUID: UInt32 = 0
            while control.shouldContinue {
                let message = client.messages.randomMessage(using: &client.random)
                let result = try await steps.timed("APPEND", "APPEND INBOX", literal: message, stats: &stats)
                let assigned = try steps.check { () throws(CheckFailure) in
                    try ResponseChecks.checkAppend(result, uidPlus: uidPlus, uidValidity: validity, highestUID: lastUID)
                }
                if let assigned {
                    validity = assigned.validity
                    lastUID = assigned.uid
                }
            }
            try await steps.logout(stats: &stats)
            return stats
        }
    }
}
