import Foundation
import Synchronization

/// A `columba` server started as a child process, for tests that need a real process: signals,
/// restarts, crash safety, exit codes.
///
/// The server is started with `--config` and `--data`; its standard output is read until it
/// prints `ready`, and the `listening` lines before that tell which port each listener got
/// (tests configure port 0). Standard error (the log) is kept for failure messages.
public final class ServerProcess: Sendable {
    private let process: Process
    private let collector: OutputCollector
    /// The bound port of each listener, by listener name.
    public let ports: [String: Int]
    /// The data directory the server runs on.
    public let dataDirectory: URL

    private init(process: Process, collector: OutputCollector, ports: [String: Int], dataDirectory: URL) {
        self.process = process
        self.collector = collector
        self.ports = ports
        self.dataDirectory = dataDirectory
    }

    /// The `columba` executable next to the test bundle.
    public static var executableURL: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("columba")
    }

    /// Runs a `columba` verb to completion and returns its exit status and output.
    public static func runCommand(
        _ arguments: [String],
        environment: [String: String] = [:],
        standardInput: String? = nil
    ) throws -> ChildProcess.Result {
        try ChildProcess.run(executableURL.path, arguments, input: standardInput, environment: environment)
    }

    /// Starts `columba serve` and waits until it is ready.
    /// - Parameters:
    ///   - configuration: the YAML text, written to `columba.yaml` in the data directory; `nil`
    ///     runs the embedded default.
    ///   - dataDirectory: where the server keeps its data; a new temporary folder by default.
    public static func start(
        configuration: String?,
        dataDirectory: URL? = nil,
        environment: [String: String] = [:],
        timeout: Duration = .seconds(60)
    ) async throws -> ServerProcess {
        let data = dataDirectory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("columba-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        var arguments = ["serve", "--data", data.path]
        if let configuration {
            let file = data.appendingPathComponent("columba.yaml")
            try configuration.write(to: file, atomically: true, encoding: .utf8)
            arguments += ["--config", file.path]
        }
        let process = Process()
        process.executableURL = executableURL
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        let collector = OutputCollector()
        // Plain threads reading to EOF, not FileHandle.readabilityHandler: its dispatch sources
        // spin at EOF and have crashed the test process in libdispatch when torn down.
        Thread.detachNewThread {
            ChildProcess.readChunks(output.fileHandleForReading.fileDescriptor) { chunk in
                collector.appendOutput(String(decoding: chunk, as: UTF8.self))
            }
        }
        Thread.detachNewThread {
            ChildProcess.readChunks(error.fileHandleForReading.fileDescriptor) { chunk in
                collector.appendError(String(decoding: chunk, as: UTF8.self))
            }
        }
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while !collector.lines.contains("ready") {
            guard process.isRunning, ContinuousClock.now < deadline else {
                if process.isRunning { process.terminate() }
                throw ServerProcessError.notReady(
                    output: collector.lines.joined(separator: "\n"),
                    log: collector.error
                )
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        var ports: [String: Int] = [:]
        for line in collector.lines {
            // "listening imap 127.0.0.1:41234 starttls"
            let fields = line.split(separator: " ")
            guard fields.count >= 3, fields[0] == "listening",
                let port = fields[2].split(separator: ":").last.flatMap({ Int($0) })
            else { continue }
            ports[String(fields[1])] = port
        }
        return ServerProcess(process: process, collector: collector, ports: ports, dataDirectory: data)
    }

    /// The port of the listener called `name`.
    public func port(_ name: String) throws -> Int {
        guard let port = ports[name] else { throw ServerProcessError.noSuchListener(name, known: Array(ports.keys)) }
        return port
    }

    /// What the server printed on standard output so far.
    public var output: [String] { collector.lines }

    /// What the server logged on standard error so far.
    public var log: String { collector.error }

    /// The process id.
    public var pid: Int32 { process.processIdentifier }

    /// Sends a signal (SIGTERM, SIGHUP, SIGKILL...).
    public func send(signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to end and returns its exit status, or `nil` after `timeout`.
    public func waitForExit(timeout: Duration) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { return nil }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    /// Stops the server (SIGKILL if it does not end within 10 seconds of SIGTERM).
    public func stop() async {
        guard process.isRunning else { return }
        send(signal: SIGTERM)
        if (try? await waitForExit(timeout: .seconds(10))) ?? nil == nil {
            send(signal: SIGKILL)
            _ = try? await waitForExit(timeout: .seconds(5))
        }
    }
}

/// Collects a child's standard output as lines and its standard error as text.
private final class OutputCollector: Sendable {
    private let state = Mutex<(lines: [String], partial: String, error: String)>(([], "", ""))

    var lines: [String] { state.withLock { $0.lines } }
    var error: String { state.withLock { $0.error } }

    func appendOutput(_ chunk: String) {
        state.withLock { state in
            var pieces = (state.partial + chunk).components(separatedBy: "\n")
            state.partial = pieces.removeLast()
            state.lines += pieces
        }
    }

    func appendError(_ chunk: String) {
        state.withLock { $0.error += chunk }
    }
}

/// Why a server process could not be used.
public enum ServerProcessError: Error, CustomStringConvertible {
    case notReady(output: String, log: String)
    case noSuchListener(String, known: [String])

    public var description: String {
        switch self {
        case .notReady(let output, let log): "server did not become ready.\nstdout:\n\(output)\nstderr:\n\(log)"
        case .noSuchListener(let name, let known): "no listener \(name); have \(known)"
        }
    }
}
