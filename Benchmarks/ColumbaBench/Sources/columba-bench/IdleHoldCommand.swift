import ArgumentParser
import ColumbaBench
import Foundation

/// `columba-bench imap idle-hold`.
struct IdleHoldCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idle-hold",
        abstract: "Opens connections that LOGIN, SELECT and IDLE, holds them, and reports the server's memory per connection."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var users: UserOptions

    @Option(help: "Connections to hold.")
    var connections = 1000

    @Option(name: .customLong("connect-concurrency"), help: "Connections being set up at once.")
    var connectConcurrency = 100

    @Option(help: "Seconds to hold the connections before measuring.")
    var hold = 10.0

    @Option(name: .customLong("server-pid"), help: "Server PID: its memory and its descendants' is measured.")
    var serverPID: Int32?

    @Option(name: .customLong("server-process-name"), help: "Measure every process with this name (repeatable).")
    var serverProcessNames: [String] = []

    func validate() throws {
        guard connections > 0, connectConcurrency > 0 else {
            throw ValidationError("--connections and --connect-concurrency must be positive")
        }
        guard serverPID == nil || serverProcessNames.isEmpty else {
            throw ValidationError("give --server-pid or --server-process-name, not both")
        }
    }

    func run() async throws {
        let memory: ProcessMemory.Selection? = serverPID.map { .tree(rootPID: $0) }
            ?? (serverProcessNames.isEmpty ? nil : .names(serverProcessNames))
        let directory = try users.makeDirectory(defaultCount: connections)
        let hold = IdleHold(connector: try connection.makeConnector(), users: directory, connections: connections,
                            connectConcurrency: connectConcurrency, holdSeconds: hold, memory: memory)
        print("imap idle-hold: \(connection.host):\(connection.port) tls=\(connection.tls), \(connections) connections over "
            + "\(directory.accounts.count) users, held \(self.hold) s")
        let outcome: IdleHold.Outcome
        do {
            outcome = try await hold.run()
        } catch {
            failRun(error)
        }
        print(outcome.stats.report(over: nil))
        print("all \(connections) connections idling after \(String(format: "%.1f", outcome.setupSeconds)) s")
        if let before = outcome.before, let held = outcome.held {
            print(describe("before", before))
            print(describe("held", held))
            let perConnection = { (delta: Int) in String(format: "%.1f", Double(delta) / Double(connections)) }
            print("per connection: RSS \(perConnection(held.rssKiB - before.rssKiB)) KiB, "
                + "PSS \(perConnection(held.pssKiB - before.pssKiB)) KiB")
        }
        print("protocol errors: 0")
    }

    private func describe(_ label: String, _ memory: ProcessMemory) -> String {
        "server memory \(label): \(memory.processCount) processes, RSS \(memory.rssKiB) KiB, PSS \(memory.pssKiB) KiB"
    }
}
