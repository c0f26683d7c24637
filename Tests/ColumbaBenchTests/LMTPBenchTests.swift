import ColumbaBench
import Foundation
import Testing

/// Runs `columba-bench lmtp`'s delivery run briefly against Columba's LMTP server and against
/// Dovecot LMTP with Pigeonhole, both started by their scripts under scripts/bench with the
/// 50-rule Sieve script active for every user: every reply must pass the checks, and the
/// mailboxes must then hold one copy per acknowledged recipient. The Dovecot test is skipped
/// when dovecot-lmtpd or dovecot-sieve is missing, unless `TEST_REQUIRE_PEERS=1`.
@Suite("columba-bench lmtp", .serialized)
struct LMTPBenchTests {
    static let dovecotInstalled = FileManager.default.isExecutableFile(atPath: "/usr/sbin/dovecot")
        && FileManager.default.isExecutableFile(atPath: "/usr/lib/dovecot/lmtp")
        && FileManager.default.fileExists(atPath: "/usr/lib/dovecot/modules/lib90_sieve_plugin.so")

    static let required = ProcessInfo.processInfo.environment["TEST_REQUIRE_PEERS"] == "1"

    /// The `columba` executable built beside the test bundle.
    static let columba = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("columba").path

    static let rules = BenchScripts.path("lmtp-50-rules.sieve")

    @Test("against Columba's LMTP server: only correct replies, every copy in a mailbox", .timeLimit(.minutes(5)))
    func againstColumba() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.columba), "no columba executable at \(Self.columba)")
        try await deliverAndCount(script: "columba-lmtp", environment: ["BENCH_COLUMBA": Self.columba])
    }

    @Test("against Dovecot LMTP with Pigeonhole: only correct replies, every copy in a mailbox",
          .enabled(if: dovecotInstalled || required, "dovecot-lmtpd or dovecot-sieve is not installed; skipped"),
          .timeLimit(.minutes(5)))
    func againstDovecot() async throws {
        try #require(Self.dovecotInstalled, "dovecot-lmtpd or dovecot-sieve is not installed but TEST_REQUIRE_PEERS=1")
        try await deliverAndCount(script: "dovecot-lmtp")
    }

    @Test("a wrong or missing reply fails the run", arguments: FakeLMTPServer.Fault.allCases)
    func wrongReplyFails(_ fault: FakeLMTPServer.Fault) async throws {
        let server = try await FakeLMTPServer(fault: fault)
        let run = DeliveryRun(connector: LMTPConnector(host: "127.0.0.1", port: server.port, responseTimeoutSeconds: 1),
                              settings: try Self.settings(users: 3), clients: 1, seed: 5)
        let error = await #expect(throws: ProtocolViolation.self) {
            try await run.run(control: RunControl(warmupSeconds: 0, durationSeconds: nil, operations: 20))
        }
        let expected = switch fault {
        case .noPipelining: "LHLO's reply does not list PIPELINING"
        case .refusesRecipient: "answered 550 5.1.1 User unknown, expected 250"
        case .failsDelivery: "answered 451 4.3.0 Temporary failure, expected 2xx"
        case .missingReply: "no reply from the server within 1.0 s (replies owed: 1)"
        case .extraReply: "a reply the client did not ask for (one reply too many): 250 2.0.0 Saved"
        case .noEnhancedStatus: "answered 250 Saved without an enhanced status code of class 2"
        }
        #expect(error?.reason.contains(expected) == true, "\(error.map { "\($0)" } ?? "no error")")
        #expect(error?.exchange.isEmpty == false)
        try await server.stop()
    }

    /// Starts the server with `script`, delivers 40 messages from 3 sessions to 4 users, and
    /// compares the copies the server acknowledged with the messages in all mailboxes.
    private func deliverAndCount(script: String, environment: [String: String] = [:]) async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("columba-bench-lmtp-\(UUID().uuidString)").path
        let port = try await BenchScripts.freePort()
        try BenchScripts.run(script, ["start", state, String(port), "4", Self.rules], environment: environment)
        defer {
            _ = try? BenchScripts.run(script, ["stop", state], environment: environment)
            try? FileManager.default.removeItem(atPath: state)
        }
        let run = DeliveryRun(connector: LMTPConnector(host: "127.0.0.1", port: port, responseTimeoutSeconds: 60),
                              settings: try Self.settings(users: 4), clients: 3, seed: 11)
        let outcome: DeliveryRun.Outcome
        do {
            outcome = try await run.run(control: RunControl(warmupSeconds: 0, durationSeconds: nil, operations: 40))
        } catch {
            // The server's log says why it answered so (both scripts log under STATE/log).
            for log in ["dovecot.log", "columba.log"] {
                if let text = try? String(contentsOfFile: "\(state)/log/\(log)", encoding: .utf8) {
                    print("--- \(log), last lines:\n" + text.split(separator: "\n").suffix(30).joined(separator: "\n"))
                }
            }
            throw error
        }
        #expect(outcome.stats.measuredMessages == 40)
        #expect(outcome.stats.latencies.count(of: "DATA") == 40)
        #expect(outcome.stats.deliveredRecipients >= outcome.stats.deliveredMessages)
        let stored = try BenchScripts.run(script, ["count", state], environment: environment)
        #expect(Int(stored.trimmingCharacters(in: .whitespacesAndNewlines)) == outcome.stats.deliveredRecipients)
    }

    /// Up to 3 recipients among `users`, 4 messages per session, from a 30-message mix.
    static func settings(users: Int) throws -> DeliveryRun.Settings {
        DeliveryRun.Settings(mix: .generated(count: 30, seed: 2),
                             recipients: try UserDirectory(pattern: "user%d@example.org", range: 1...users, password: ""),
                             maximumRecipients: 3, messagesPerSession: 4)
    }
}
