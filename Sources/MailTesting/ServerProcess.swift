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
    private let outputLines: Mutex<[String]>
    private let errorText: Mutex<String>
    /// The bound port of each listener, by listener name.
    public let ports: [String: Int]
    /// The data directory the server runs on.
    public let dataDirectory: URL

    private init(process: Process, outputLines: Mutex<[String]>, errorText: Mutex<String>, ports: [String: Int], dataDirectory: URL) {
        self.process = process
        self.outputLines = outputLines
        self.errorText = errorText
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
    ) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = executableURL
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let error = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = input
        try process.run()
        if let standardInput { input.fileHandleForWriting.write(Data(standardInput.utf8)) }
        try input.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
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
        let outputLines = Mutex<[String]>([])
        let errorText = Mutex("")
        let pending = Mutex("")
        output.fileHandleForReading.readabilityHandler = { handle in
            let chunk = String(decoding: handle.availableData, as: UTF8.self)
            let complete: [String] = pending.withLock { buffer in
                buffer += chunk
                var lines = buffer.components(separatedBy: "\n")
                buffer = lines.removeLast()
                return lines
            }
            outputLines.withLock { $0 += complete }
        }
        error.fileHandleForReading.readabilityHandler = { handle in
            let chunk = String(decoding: handle.availableData, as: UTF8.self)
            errorText.withLock { $0 += chunk }
        }
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while !outputLines.withLock({ $0.contains("ready") }) {
            guard process.isRunning, ContinuousClock.now < deadline else {
                if process.isRunning { process.terminate() }
                throw ServerProcessError.notReady(
                    output: outputLines.withLock { $0 }.joined(separator: "\n"),
                    log: errorText.withLock { $0 }
                )
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        var ports: [String: Int] = [:]
        for line in outputLines.withLock({ $0 }) {
            // "listening imap 127.0.0.1:41234 starttls"
            let fields = line.split(separator: " ")
            guard fields.count >= 3, fields[0] == "listening",
                let port = fields[2].split(separator: ":").last.flatMap({ Int($0) })
            else { continue }
            ports[String(fields[1])] = port
        }
        return ServerProcess(process: process, outputLines: outputLines, errorText: errorText, ports: ports, dataDirectory: data)
    }

    /// The port of the listener called `name`.
    public func port(_ name: String) throws -> Int {
        guard let port = ports[name] else { throw ServerProcessError.noSuchListener(name, known: Array(ports.keys)) }
        return port
    }

    /// What the server printed on standard output so far.
    public var output: [String] { outputLines.withLock { $0 } }

    /// What the server logged on standard error so far.
    public var log: String { errorText.withLock { $0 } }

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
