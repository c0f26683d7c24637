import ArgumentParser
import ColumbaServer
import Foundation
import Logging
import NIOCore
import ServerKit

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the server.",
        discussion: """
            Without --config, runs the embedded default: loopback listeners on unprivileged ports, \
            a self-signed certificate and one account, all made on first start under the data directory. \
            SIGTERM or SIGINT stop gracefully; SIGHUP reloads configuration and certificates.
            """
    )

    @OptionGroup var installation: InstallationOptions

    func run() async throws {
        let configuration = try await installation.loadConfiguration()
        let report = try FirstStart.prepare(configuration)
        do {
            try configuration.validateFiles()
        } catch {
            throw configurationFailed(error)
        }
        LoggingSystem.bootstrap { label in
            StructuredLogHandler(label: label, level: configuration.log.level,
                                 format: configuration.log.format == .json ? .json : .text)
        }
        let logger = Logger(label: "columba")
        let runtime = try await ServerRuntime(
            configuration: configuration,
            reloader: ConfigurationReloader(
                file: installation.configurationFile,
                dataDirectory: installation.dataDirectory,
                environment: installation.environment
            ),
            logger: logger
        )
        printBanner(runtime: runtime, report: report)
        try await runtime.run {
            // Printed once SIGTERM and SIGHUP are handled, so a supervisor may signal from here on.
            print("ready")
            fflush(nil)
            logger.info("started", metadata: ["version": "\(ColumbaVersion.current)"])
        }
        logger.info("stopped")
    }

    private func printBanner(runtime: ServerRuntime, report: FirstStart.Report) {
        let configuration = runtime.configuration
        var lines = ["columba \(ColumbaVersion.current) on \(configuration.hostname), data in \(configuration.dataDirectory)"]
        if let certificate = report.generatedCertificate {
            lines.append("generated a self-signed certificate: \(certificate)")
        }
        for listener in runtime.boundListeners {
            lines.append("listening \(listener.name) \(listener.address.hostAndPort) \(listener.tls.rawValue)")
        }
        for listener in runtime.unservedListeners {
            lines.append("not served yet: \(listener.name) (\(listener.serviceProtocol.rawValue)) port \(listener.port)")
        }
        if let account = report.createdAccount {
            lines.append("created account \(account.username) with password \(account.password)")
            lines.append("  (shown only now; stored hashed in \(FirstStart.builtInAccountFile(configuration)); "
                         + "change it with `columba user passwd \(account.username)`)")
            if let imaps = runtime.boundListeners.first(where: { $0.tls == .implicit }) {
                lines.append("log in: openssl s_client -quiet -connect \(imaps.address.hostAndPort), "
                             + "then type: a LOGIN \(account.username) \(account.password)")
            }
        }
        print(lines.joined(separator: "\n"))
    }
}

extension SocketAddress {
    /// `127.0.0.1:1143` or `[::1]:1143`.
    fileprivate var hostAndPort: String {
        let host = ipAddress ?? "?"
        let port = self.port.map(String.init) ?? "?"
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
