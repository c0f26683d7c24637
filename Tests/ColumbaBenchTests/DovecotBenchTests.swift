import ColumbaBench
import Foundation
import NIOCore
import NIOPosix
import Testing

/// Runs a short mixed workload against a real Dovecot started by scripts/bench/dovecot-imap:
/// every answer Dovecot gives must pass the checks. Skipped when Dovecot's IMAP server is not
/// installed, unless `TEST_REQUIRE_PEERS=1` (scripts/test), which makes that a failure.
@Suite("columba-bench against Dovecot", .serialized)
struct DovecotBenchTests {
    static let installed = FileManager.default.isExecutableFile(atPath: "/usr/sbin/dovecot")
        && FileManager.default.isExecutableFile(atPath: "/usr/lib/dovecot/imap")

    static let required = ProcessInfo.processInfo.environment["TEST_REQUIRE_PEERS"] == "1"

    @Test("a mixed run over 4 users and an append run get only correct answers",
          .enabled(if: installed || required, "Dovecot is not installed (apt-get install dovecot-imapd); skipped"),
          .timeLimit(.minutes(3)))
    func mixedAgainstDovecot() async throws {
        try #require(Self.installed, "dovecot-imapd is not installed but TEST_REQUIRE_PEERS=1")
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("columba-bench-dovecot-\(UUID().uuidString)").path
        let port = try await BenchScripts.freePort()
        try Self.runScript(["start", state, String(port), "4"])
        defer {
            try? Self.runScript(["stop", state])
            try? FileManager.default.removeItem(atPath: state)
        }
        try Self.runScript(["seed", state, "20"])

        let connector = try IMAPConnector(endpoint: ServerEndpoint(host: "127.0.0.1", port: port, responseTimeoutSeconds: 30))
        let users = try UserDirectory(pattern: "user%d", range: 1...4, password: "password")
        let mixed = LoadRun(connector: connector, users: users, clients: 4, workload: .mixed(.standard),
                            messages: .synthetic(count: 8, seed: 3), seed: 7)
        let mixedOutcome = try await mixed.run(control: RunControl(warmupSeconds: 0, durationSeconds: nil, operations: 400))
        #expect(mixedOutcome.stats.totalCount == 400)
        for command in ["LOGIN", "SELECT", "FETCH", "FETCH2", "STORE", "EXPUNGE", "APPEND", "LOGOUT"] {
            #expect(mixedOutcome.stats.count(of: command) > 0, "no \(command) was run")
        }

        // Two clients per user: answers may not be complete, but they must still be consistent.
        let shared = LoadRun(connector: connector, users: try UserDirectory(pattern: "user%d", range: 1...2, password: "password"),
                             clients: 4, workload: .mixed(.standard), messages: .synthetic(count: 8, seed: 3), seed: 8)
        let sharedOutcome = try await shared.run(control: RunControl(warmupSeconds: 0, durationSeconds: nil, operations: 300))
        #expect(sharedOutcome.stats.totalCount == 300)

        let append = LoadRun(connector: connector, users: users, clients: 2, workload: .append,
                             messages: .synthetic(count: 4, seed: 5), seed: 1)
        let appendOutcome = try await append.run(control: RunControl(warmupSeconds: 0, durationSeconds: nil, operations: 50))
        // The budget counts every recorded command: the two LOGINs and the APPENDs.
        #expect(appendOutcome.stats.totalCount == 50)
        #expect(appendOutcome.stats.count(of: "APPEND") + appendOutcome.stats.count(of: "LOGIN") == 50)
        #expect(appendOutcome.stats.count(of: "APPEND") >= 40)
    }

    @Test("a wrong password is a failed run, not a hang",
          .enabled(if: installed || required, "Dovecot is not installed (apt-get install dovecot-imapd); skipped"),
          .timeLimit(.minutes(2)))
    func wrongPasswordFails() async throws {
        try #require(Self.installed, "dovecot-imapd is not installed but TEST_REQUIRE_PEERS=1")
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("columba-bench-dovecot-\(UUID().uuidString)").path
        let port = try await BenchScripts.freePort()
        try Self.runScript(["start", state, String(port), "1"])
        defer {
            try? Self.runScript(["stop", state])
            try? FileManager.default.removeItem(atPath: state)
        }
        let connector = try IMAPConnector(endpoint: ServerEndpoint(host: "127.0.0.1", port: port, responseTimeoutSeconds: 30))
        let run = LoadRun(connector: connector, users: try UserDirectory(pattern: "user%d", range: 1...1, password: "wrong"),
                          clients: 1, workload: .append, messages: .synthetic(count: 1, seed: 1), seed: 1)
        let error = await #expect(throws: ProtocolViolation.self) {
            try await run.run(control: RunControl(warmupSeconds: 0, durationSeconds: nil, operations: 5))
        }
        #expect(error?.reason.hasPrefix("LOGIN answered NO") == true)
        #expect(error?.exchange.first?.contains("\"***\"") == true)
    }

    /// Runs scripts/bench/dovecot-imap with `arguments`.
    static func runScript(_ arguments: [String]) throws {
        try BenchScripts.run("dovecot-imap", arguments)
    }
}
