import ArgumentParser
import ColumbaBench
import Foundation

/// `columba-bench lmtp`.
struct LMTPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lmtp",
        abstract: "Delivers a message mix over LMTP with concurrent sessions and checks every reply.",
        discussion: "Each session sends LHLO, then per message (RSET,) MAIL FROM, 1 to --max-recipients RCPT TO "
            + "and DATA pipelined, the message, and reads one reply per recipient; QUIT after --messages-per-session "
            + "messages. DATA's latency runs from the final dot to the last recipient's reply."
    )

    @Option(help: "Server host.")
    var host = "127.0.0.1"

    @Option(help: "Server port.")
    var port = 24

    @Option(help: "Seconds to wait for each reply before failing the run.")
    var timeout = 60.0

    @Option(name: .customLong("users"), help: "Recipient pattern; %d is replaced by each number from --first.")
    var pattern = "user%d@example.org"

    @Option(help: "First number for the recipient pattern.")
    var first = 1

    @Option(name: .customLong("user-count"), help: "How many users (M).")
    var userCount = 100

    @Option(name: .customLong("max-recipients"), help: "Recipients per message, drawn from 1 to this (k).")
    var maximumRecipients = 3

    @Option(help: "Concurrent sessions.")
    var clients = 4

    @Option(name: .customLong("messages-per-session"), help: "Messages a session delivers before QUIT and reconnecting.")
    var messagesPerSession = 10

    @Option(help: "Seconds to measure (after the warm-up).")
    var duration: Double?

    @Option(help: "Recorded messages to deliver, instead of --duration.")
    var messages: Int?

    @Option(help: "Seconds of warm-up whose deliveries are checked but not recorded.")
    var warmup = 0.0

    @Option(help: "Random seed: the same seed makes the same messages and sends them in the same order per client.")
    var seed: UInt64 = 1

    @Option(name: .customLong("mix-size"), help: "How many different messages to make up (without --mbox).")
    var mixSize = 200

    @Option(help: "mbox file whose messages are sent instead of made-up ones.")
    var mbox: String?

    @Option(help: "Envelope sender for messages from --mbox.")
    var sender = "bench@example.net"

    func validate() throws {
        guard clients > 0, userCount > 0, maximumRecipients > 0, messagesPerSession > 0, mixSize > 0 else {
            throw ValidationError("--clients, --user-count, --max-recipients, --messages-per-session and --mix-size must be positive")
        }
        guard (duration == nil) != (messages == nil) else {
            throw ValidationError("give exactly one of --duration and --messages")
        }
    }

    func run() async throws {
        let recipients = try UserDirectory(pattern: pattern, range: first...(first + userCount - 1), password: "")
        let mix: MessageMix
        if let mbox {
            let messages = MboxReader.messages(in: try [UInt8](Data(contentsOf: URL(fileURLWithPath: mbox))))
            guard !messages.isEmpty else { throw ValidationError("\(mbox) holds no message") }
            mix = MessageMix(mbox: messages, sender: sender)
        } else {
            mix = .generated(count: mixSize, seed: seed)
        }
        let settings = DeliveryRun.Settings(mix: mix, recipients: recipients, maximumRecipients: maximumRecipients,
                                            messagesPerSession: messagesPerSession)
        let run = DeliveryRun(connector: LMTPConnector(host: host, port: port, responseTimeoutSeconds: timeout),
                              settings: settings, clients: clients, seed: seed)
        let average = mix.messages.reduce(0) { $0 + $1.size } / mix.messages.count
        print("lmtp: \(host):\(port), \(clients) clients over \(userCount) users, 1..\(maximumRecipients) recipients, "
            + "\(messagesPerSession) messages per session, " + (duration.map { "\($0) s" } ?? "\(messages ?? 0) messages")
            + ", warm-up \(warmup) s, seed \(seed); \(mix.messages.count) messages (\(mbox ?? "made up"), average \(average) "
            + "octets, largest \(mix.largestSize))")
        let outcome: DeliveryRun.Outcome
        do {
            outcome = try await run.run(control: RunControl(warmupSeconds: warmup, durationSeconds: duration, operations: messages))
        } catch {
            failRun(error)
        }
        print(outcome.stats.report(over: outcome.measuredSeconds))
        print("measured \(String(format: "%.1f", outcome.measuredSeconds)) s; protocol errors: 0")
    }
}
