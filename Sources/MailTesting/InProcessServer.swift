import ColumbaServer
import Foundation
import Logging
import NIOCore
import ServerKit

/// A Columba server running inside the test process: quicker than ``ServerProcess`` and
/// debuggable, for tests that need no signals or restarts.
public final class InProcessServer: Sendable {
    public let runtime: ServerRuntime
    private let task: Task<Void, any Error>

    private init(runtime: ServerRuntime, task: Task<Void, any Error>) {
        self.runtime = runtime
        self.task = task
    }

    /// Loads `configuration` (YAML text, or the embedded default when `nil`) over a temporary
    /// data directory, prepares it as `columba serve` does, binds and starts serving.
    /// - Returns: the server and what first-start provisioning did (the account it made).
    public static func start(
        configuration: String?,
        dataDirectory: URL? = nil,
        environment: [String: String] = [:]
    ) async throws -> (InProcessServer, FirstStart.Report) {
        let data = dataDirectory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("columba-inprocess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        var file: String?
        if let configuration {
            file = data.appendingPathComponent("columba.yaml").path
            try configuration.write(toFile: file!, atomically: true, encoding: .utf8)
        }
        let reloader = ConfigurationReloader(file: file, dataDirectory: data.path, environment: environment)
        let loaded = try await reloader.load()
        let report = try FirstStart.prepare(loaded)
        try loaded.validateFiles()
        let logger = Logger(label: "columba.test") { _ in SwiftLogNoOpLogHandler() }
        let runtime = try await ServerRuntime(configuration: loaded, reloader: reloader, logger: logger)
        let task = Task { try await runtime.run() }
        return (InProcessServer(runtime: runtime, task: task), report)
    }

    /// The port of the first socket of the listener called `name`.
    public func port(_ name: String) throws -> Int {
        guard let port = runtime.boundListeners.first(where: { $0.name == name })?.address.port else {
            throw ServerProcessError.noSuchListener(name, known: runtime.boundListeners.map(\.name))
        }
        return port
    }

    /// Shuts down gracefully and waits until every service has stopped.
    public func stop() async throws {
        await runtime.shutdown()
        try await task.value
    }
}
