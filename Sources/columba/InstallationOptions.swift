import ArgumentParser
import Foundation
import ServerKit

/// `--config` and `--data`, taken by every verb that reads configuration or data, so scripts
/// can drive a stopped or a running installation the same way `serve` sees it.
struct InstallationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The configuration file (default: the embedded default, or $COLUMBA_CONFIG).",
                                           valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The data directory (default: ./columba-data, or $COLUMBA_DATA).",
                                           valueName: "dir"))
    var data: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var configurationFile: String? { config ?? environment["COLUMBA_CONFIG"] }
    var dataDirectory: String? { data ?? environment["COLUMBA_DATA"] }

    /// Loads and checks the configuration, or exits with the problems listed for a person.
    func loadConfiguration() async throws -> ColumbaConfiguration {
        do {
            return try await ColumbaConfiguration.load(
                file: configurationFile, dataDirectory: dataDirectory, environment: environment
            )
        } catch {
            throw configurationFailed(error)
        }
    }
}

/// Prints configuration problems, one per line, and returns the exit code EX_CONFIG (78).
func configurationFailed(_ error: ConfigurationError) -> ExitCode {
    printError(error.description)
    return ExitCode(78)
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
