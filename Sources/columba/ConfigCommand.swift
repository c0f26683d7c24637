import ArgumentParser
import ServerKit

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check or print the configuration.",
        subcommands: [Check.self, Show.self]
    )

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the configuration and the files it names; print every problem as file:line: key: problem."
        )

        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            let configuration = try await installation.loadConfiguration()
            do {
                if !configuration.tls.usesGeneratedCertificate {
                    try configuration.validateFiles()
                }
            } catch {
                throw configurationFailed(error)
            }
            print("\(installation.configurationFile ?? "embedded default"): OK")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the effective configuration as YAML, defaults filled in and secrets masked."
        )

        @Flag(help: "Say after each value where it came from (file line, environment variable, default).")
        var origins = false

        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            print(try await installation.loadConfiguration().render(showingOrigins: origins), terminator: "")
        }
    }
}
