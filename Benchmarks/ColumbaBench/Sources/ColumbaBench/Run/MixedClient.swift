import NIOCore

/// One client of the mixed workload: connects, logs in, runs rounds of ``MixedProfile`` steps on
/// INBOX, logs out and reconnects, until the run stops; every answer is checked.
struct MixedClient {
    let account: UserDirectory.Account
    let connector: IMAPConnector
    let profile: MixedProfile
    let control: RunControl
    let messages: MessageSource
    /// Whether no other client uses this account, so that answers must be complete.
    let exclusive: Bool
    var random: SeededGenerator
    /// UIDs this connection flagged \Deleted since its last EXPUNGE.
    var deleted: Set<UInt32> = []

    private static let flags = ["\\Seen", "\\Flagged", "\\Answered", "$Bench"]
    private static let searches = ["ALL", "UNSEEN", "FLAGGED", "SUBJECT \"message\"", "FROM \"sender\"",
                                   "SINCE 1-Jan-2020", "LARGER 4096"]

    /// Runs until the run stops; returns the latencies recorded.
    mutating func run() async throws -> CommandStats {
        var stats = CommandStats()
        while control.shouldContinue {
            var client = self
            stats = try await connector.withSession(user: account.name) { session in
                var stats = stats
                try await client.runConnection(SessionSteps(session: session, control: control), stats: &stats)
                return stats
            }
            random = client.random
        }
        return stats
    }

    private mutating func runConnection(_ steps: SessionSteps, stats: inout CommandStats) async throws {
        try await steps.login(account, stats: &stats)
        deleted = []
        var model: MailboxModel?
        while true {
            for step in MixedProfile.Step.allCases where step != .logout {
                guard control.shouldContinue else {
                    try await steps.logout(stats: &stats)
                    return
                }
                let mustSelect = step == .select && model == nil
                guard mustSelect || chance(profile.weight(of: step)) else { continue }
                try await perform(step, steps, model: &model, stats: &stats)
            }
            if chance(profile.weight(of: .logout)) || !control.shouldContinue {
                try await steps.logout(stats: &stats)
                return
            }
        }
    }

    private mutating func perform(_ step: MixedProfile.Step, _ steps: SessionSteps, model: inout MailboxModel?,
                                  stats: inout CommandStats) async throws {
        switch step {
        case .list:
            let result = try await steps.timed("LIST", "LIST \"\" \"*\"", stats: &stats)
            try steps.check { () throws(CheckFailure) in
                try ResponseChecks.expectOK(result, command: "LIST")
                let listsInbox = result.data.contains { data in
                    guard case .other("LIST", let values) = data, let name = values.last else { return false }
                    switch name {
                    case .atom(let atom): return atom.uppercased() == "INBOX"
                    case .string(let bytes): return String(buffer: bytes).uppercased() == "INBOX"
                    default: return false
                    }
                }
                guard listsInbox else { throw CheckFailure("LIST \"\" \"*\" does not list INBOX") }
            }
        case .select:
            model = try await steps.select(stats: &stats)
        case .logout:
            try await steps.logout(stats: &stats)
        case .append:
            try await append(steps, model: &model, stats: &stats)
        default:
            guard var current = model else { return }
            try await steps.learnUIDs(&current, stats: &stats)
            try await performInMailbox(step, steps, model: &current, stats: &stats)
            model = current
        }
    }

    private mutating func performInMailbox(_ step: MixedProfile.Step, _ steps: SessionSteps, model: inout MailboxModel,
                                           stats: inout CommandStats) async throws {
        switch step {
        case .fetch:
            let uids = pickUIDs(upTo: 10, from: model)
            guard !uids.isEmpty else { return }
            let result = try await steps.timed(
                "FETCH", "UID FETCH \(uidSet(uids)) (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (FROM TO SUBJECT DATE MESSAGE-ID)])",
                stats: &stats)
            try steps.check { () throws(CheckFailure) in
                try ResponseChecks.expectOK(result, command: "UID FETCH")
                try ResponseChecks.checkFetch(result, expecting: .init(
                    uids: Set(uids), items: ["FLAGS", "RFC822.SIZE", "BODY[HEADER.FIELDS"], complete: exclusive), model: &model)
            }
        case .fetch2:
            let uids = pickUIDs(upTo: 1, from: model)
            guard !uids.isEmpty else { return }
            let result = try await steps.timed("FETCH2", "UID FETCH \(uidSet(uids)) (UID RFC822.SIZE BODY.PEEK[])", stats: &stats)
            try steps.check { () throws(CheckFailure) in
                try ResponseChecks.expectOK(result, command: "UID FETCH")
                try ResponseChecks.checkFetch(result, expecting: .init(
                    uids: Set(uids), items: ["RFC822.SIZE", "BODY[]"], complete: exclusive), model: &model)
            }
        case .search:
            let criteria = Self.searches.randomElement(using: &random)!
            let result = try await steps.timed("SEARCH", "UID SEARCH \(criteria)", stats: &stats)
            try steps.check { () throws(CheckFailure) in
                try ResponseChecks.expectOK(result, command: "UID SEARCH")
                try ResponseChecks.checkSearch(result, matchesAll: criteria == "ALL" && exclusive, model: &model)
            }
        case .store:
            let uids = pickUIDs(upTo: 5, from: model)
            guard !uids.isEmpty else { return }
            let flag = Self.flags.randomElement(using: &random)!
            let result = try await steps.timed("STORE", "UID STORE \(uidSet(uids)) +FLAGS (\(flag))", stats: &stats)
            try steps.check { () throws(CheckFailure) in
                try ResponseChecks.expectOK(result, command: "UID STORE")
                // Not complete: servers (Dovecot) send no FETCH for a message whose flags did not
                // change, which RFC 9051 §6.4.6 permits (SHOULD, not MUST).
                try ResponseChecks.checkFetch(result, expecting: .init(
                    uids: Set(uids), items: ["FLAGS"], flag: flag, complete: false), model: &model)
            }
        case .delete:
            let uids = pickUIDs(upTo: 1, from: model)
            guard !uids.isEmpty else { return }
            let result = try await steps.timed("DELETE", "UID STORE \(uidSet(uids)) +FLAGS.SILENT (\\Deleted)", stats: &stats)
            try steps.check { () throws(CheckFailure) in
                try ResponseChecks.expectOK(result, command: "UID STORE")
                try ResponseChecks.apply(result, to: &model)
            }
            deleted.formUnion(uids)
        case .expunge:
            let result = try await steps.timed("EXPUNGE", "EXPUNGE", stats: &stats)
            let deleted = self.deleted
            self.deleted = []
            try steps.check { () throws(CheckFailure) in
                try ResponseChecks.expectOK(result, command: "EXPUNGE")
                try ResponseChecks.apply(result, to: &model)
                // Whoever expunged them, messages flagged \Deleted before EXPUNGE must be gone after it.
                if let left = deleted.first(where: { model.contains(uid: $0) }) {
                    throw CheckFailure("UID \(left), flagged \\Deleted, is still there after EXPUNGE")
                }
            }
        case .status:
            let result = try await steps.timed("STATUS", "STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY)", stats: &stats)
            try steps.check { () throws(CheckFailure) in
                try ResponseChecks.expectOK(result, command: "STATUS")
                try ResponseChecks.apply(result, to: &model)
                try checkStatus(result, model: model)
            }
        case .noop:
            let result = try await steps.timed("NOOP", "NOOP", stats: &stats)
            try steps.check { () throws(CheckFailure) in
                try ResponseChecks.expectOK(result, command: "NOOP")
                try ResponseChecks.apply(result, to: &model)
            }
        case .list, .select, .append, .logout:
            break
        }
    }

    private mutating func append(_ steps: SessionSteps, model: inout MailboxModel?, stats: inout CommandStats) async throws {
        let message = messages.randomMessage(using: &random)
        let result = try await steps.timed("APPEND", "APPEND INBOX (\\Seen)", literal: message, stats: &stats)
        let uidPlus = steps.session.capabilities.contains("UIDPLUS")
        try steps.check { () throws(CheckFailure) in
            let assigned = try ResponseChecks.checkAppend(result, uidPlus: uidPlus, uidValidity: model?.uidValidity,
                                                          highestUID: model?.highestUID ?? 0)
            guard var current = model else { return }
            try ResponseChecks.apply(result, to: &current)
            if let assigned { current.noteAssigned(uid: assigned.uid) }
            model = current
        }
    }

    /// `* STATUS INBOX (MESSAGES n UIDNEXT n UIDVALIDITY n)`: same UIDVALIDITY, UIDNEXT above every UID seen.
    private func checkStatus(_ result: CommandResult, model: MailboxModel) throws(CheckFailure) {
        for case .other("STATUS", let values) in result.data {
            guard values.count == 2, case .list(let items) = values[1], items.count % 2 == 0 else {
                throw CheckFailure("malformed STATUS response")
            }
            var found: [String: UInt64] = [:]
            for pair in stride(from: 0, to: items.count, by: 2) {
                guard case .atom(let name) = items[pair], let number = items[pair + 1].number else {
                    throw CheckFailure("malformed STATUS item")
                }
                found[name.uppercased()] = number
            }
            guard found["UIDVALIDITY"] == UInt64(model.uidValidity) else {
                throw CheckFailure("STATUS UIDVALIDITY differs from SELECT's \(model.uidValidity)")
            }
            guard let next = found["UIDNEXT"], next > UInt64(model.highestUID) else {
                throw CheckFailure("STATUS UIDNEXT is not above UID \(model.highestUID) seen")
            }
            guard found["MESSAGES"] != nil else { throw CheckFailure("STATUS lacks MESSAGES") }
            return
        }
        throw CheckFailure("STATUS without a STATUS response")
    }

    /// Up to `count` known UIDs of consecutive messages from a random position.
    private mutating func pickUIDs(upTo count: Int, from model: MailboxModel) -> [UInt32] {
        guard model.count > 0 else { return [] }
        let start = Int.random(in: 0..<model.count, using: &random)
        return Array(model.uids[start...].compactMap { $0 }.prefix(count))
    }

    private func uidSet(_ uids: [UInt32]) -> String {
        uids.map(String.init).joined(separator: ",")
    }

    private mutating func chance(_ percent: Int) -> Bool {
        percent >= 100 || (percent > 0 && Int.random(in: 0..<100, using: &random) < percent)
    }
}
