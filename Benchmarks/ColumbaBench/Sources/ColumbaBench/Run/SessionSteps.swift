import NIOCore

/// The commands every workload shares, each timed into ``CommandStats`` (when the run records)
/// and checked; a wrong answer throws a ``ProtocolViolation`` with the exchange.
struct SessionSteps {
    let session: IMAPSession
    let control: RunControl

    /// Runs a command and records its latency under `name`.
    func timed(_ name: String, _ command: String, literal: ByteBuffer? = nil, shown: String? = nil,
               stats: inout CommandStats) async throws -> CommandResult {
        let result = try await session.run(command, literal: literal, shown: shown)
        if control.recordNow() {
            stats.record(name, result.elapsed)
        }
        return result
    }

    /// Turns a failed check into a violation carrying the exchange.
    func check<Value>(_ body: () throws(CheckFailure) -> Value) throws -> Value {
        do {
            return try body()
        } catch {
            throw session.violation(error.reason)
        }
    }

    func login(_ account: UserDirectory.Account, stats: inout CommandStats) async throws {
        let result = try await timed("LOGIN", "LOGIN \(quoted(account.name)) \(quoted(account.password))",
                                     shown: "LOGIN \(quoted(account.name)) \"***\"", stats: &stats)
        try check { () throws(CheckFailure) in try ResponseChecks.expectOK(result, command: "LOGIN") }
        if session.capabilities.isEmpty {
            let capability = try await session.run("CAPABILITY")
            try check { () throws(CheckFailure) in try ResponseChecks.expectOK(capability, command: "CAPABILITY") }
        }
    }

    /// SELECT INBOX, checked; then, unless `learningUIDs` is false, the UIDs of its messages.
    func select(learningUIDs: Bool = true, stats: inout CommandStats) async throws -> MailboxModel {
        let result = try await timed("SELECT", "SELECT INBOX", stats: &stats)
        var model = try check { () throws(CheckFailure) in try ResponseChecks.selected(result) }
        if learningUIDs {
            try await learnUIDs(&model, stats: &stats)
        }
        return model
    }

    /// Fetches the UIDs of the messages whose UIDs the client does not know yet (after SELECT or
    /// EXISTS), by sequence number, recorded as UIDMAP.
    func learnUIDs(_ model: inout MailboxModel, stats: inout CommandStats) async throws {
        var attempts = 0
        while let range = model.unknownSequenceRange {
            attempts += 1
            guard attempts <= 3 else {
                throw session.violation("FETCH \(range.lowerBound):\(range.upperBound) (UID) leaves UIDs unknown")
            }
            let result = try await timed("UIDMAP", "FETCH \(range.lowerBound):\(range.upperBound) (UID)", stats: &stats)
            try check { () throws(CheckFailure) in
                // Messages another session expunged may be refused until the EXPUNGE is announced.
                if result.completion.kind == .no, result.completion.codeWords.first?.uppercased() == "EXPUNGEISSUED" {
                    try ResponseChecks.apply(result, to: &model)
                    return
                }
                try ResponseChecks.expectOK(result, command: "FETCH")
                try ResponseChecks.apply(result, to: &model)
            }
            if result.completion.kind == .no {
                let noop = try await session.run("NOOP")
                try check { () throws(CheckFailure) in
                    try ResponseChecks.expectOK(noop, command: "NOOP")
                    try ResponseChecks.apply(noop, to: &model)
                }
            }
        }
    }

    func logout(stats: inout CommandStats) async throws {
        let result = try await timed("LOGOUT", "LOGOUT", stats: &stats)
        try check { () throws(CheckFailure) in
            try ResponseChecks.expectOK(result, command: "LOGOUT")
            guard result.statuses.contains(where: { $0.kind == .bye }) else {
                throw CheckFailure("LOGOUT without an untagged BYE")
            }
        }
    }

    /// An IMAP quoted string (RFC 9051 §4.3), for user names and passwords without CR/LF.
    func quoted(_ text: String) -> String {
        var escaped = "\""
        for character in text {
            if character == "\"" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped + "\""
    }
}
