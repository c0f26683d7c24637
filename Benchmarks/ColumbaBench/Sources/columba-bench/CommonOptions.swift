import ArgumentParser
import ColumbaBench
import Foundation

/// Where the server is and how to reach it.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "Server host.")
    var host = "127.0.0.1"

    @Option(help: "Server port.")
    var port = 143

    @Option(help: "TLS: none, implicit (TLS from the first byte) or starttls.")
    var tls: String = "none"

    @Flag(help: "Accept any server certificate (self-signed test servers).")
    var insecure = false

    @Option(help: "Seconds to wait for each answer before failing the run.")
    var timeout = 60.0

    func makeConnector() throws -> IMAPConnector {
        guard let mode = ServerEndpoint.TLSMode(rawValue: tls) else {
            throw ValidationError("--tls must be none, implicit or starttls")
        }
        return try IMAPConnector(endpoint: ServerEndpoint(host: host, port: port, tls: mode,
                                                          acceptAnyCertificate: insecure, responseTimeoutSeconds: timeout))
    }
}

/// Which accounts the clients log in as.
struct UserOptions: ParsableArguments {
    @Option(name: .customLong("users"), help: "User name pattern; %d is replaced by each number from --first.")
    var pattern = "user%d"

    @Option(help: "First number for the user pattern.")
    var first = 1

    @Option(name: .customLong("user-count"), help: "How many users (default: one per client or connection).")
    var userCount: Int?

    @Option(help: "The users' password (with --users).")
    var password = "password"

    @Option(name: .customLong("users-file"), help: "File of user:password lines, instead of --users.")
    var usersFile: String?

    func makeDirectory(defaultCount: Int) throws -> UserDirectory {
        if let usersFile {
            return try UserDirectory(fileContents: String(contentsOfFile: usersFile, encoding: .utf8))
        }
        let count = userCount ?? defaultCount
        guard count > 0 else { throw ValidationError("--user-count must be positive") }
        return try UserDirectory(pattern: pattern, range: first...(first + count - 1), password: password)
    }
}

/// How long a load run lasts and what it sends.
struct LoadOptions: ParsableArguments {
    @Option(help: "Concurrent clients.")
    var clients = 10

    @Option(help: "Seconds to measure (after the warm-up).")
    var duration: Double?

    @Option(help: "Recorded commands to run, instead of --duration.")
    var operations: Int?

    @Option(help: "Seconds of warm-up whose commands are checked but not recorded.")
    var warmup = 0.0

    @Option(help: "Random seed: the same seed sends the same commands per client.")
    var seed: UInt64 = 1

    @Option(help: "mbox file whose messages APPEND sends (default: made-up text messages).")
    var mbox: String?

    func validate() throws {
        guard clients > 0 else { throw ValidationError("--clients must be positive") }
        guard (duration == nil) != (operations == nil) else {
            throw ValidationError("give exactly one of --duration and --operations")
        }
    }

    func makeControl() -> RunControl {
        RunControl(warmupSeconds: warmup, durationSeconds: duration, operations: operations)
    }

    func makeMessages() throws -> MessageSource {
        guard let mbox else { return .synthetic(seed: seed) }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: mbox)))
        let messages = MboxReader.messages(in: bytes)
        guard !messages.isEmpty else { throw ValidationError("\(mbox) holds no message") }
        return MessageSource(messages: messages)
    }
}

/// Runs a load workload and prints its report; a protocol error exits with status 1.
func runLoad(_ workload: LoadRun.Workload, name: String, connection: ConnectionOptions, users: UserOptions,
             load: LoadOptions) async throws {
    let directory = try users.makeDirectory(defaultCount: load.clients)
    let run = LoadRun(connector: try connection.makeConnector(), users: directory, clients: load.clients,
                      workload: workload, messages: try load.makeMessages(), seed: load.seed)
    print("imap \(name): \(connection.host):\(connection.port) tls=\(connection.tls), \(load.clients) clients over "
        + "\(directory.accounts.count) users, " + (load.duration.map { "\($0) s" } ?? "\(load.operations ?? 0) commands")
        + ", warm-up \(load.warmup) s, seed \(load.seed)")
    let outcome: LoadRun.Outcome
    do {
        outcome = try await run.run(control: load.makeControl())
    } catch {
        failRun(error)
    }
    print(outcome.stats.report(over: outcome.measuredSeconds))
    print("measured \(String(format: "%.1f", outcome.measuredSeconds)) s; protocol errors: 0")
}

/// Prints why the run failed (with the offending exchange for a protocol error) and exits 1.
func failRun(_ error: any Error) -> Never {
    if error is ProtocolViolation {
        FileHandle.standardError.write(Data("FAILED: \(error)\n".utf8))
        print("protocol errors: 1")
    } else {
        FileHandle.standardError.write(Data("FAILED (connection): \(error)\n".utf8))
    }
    exit(1)
}
