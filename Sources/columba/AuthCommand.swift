import ArgumentParser
import Auth
import ColumbaServer
import Logging
import ServerKit
import ServiceLifecycle

struct AuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth",
        abstract: "Test logins and look users up through the configured databases.",
        subcommands: [Test.self, Lookup.self]
    )

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a user's password against the passdb (like `doveadm auth test`).",
            discussion: "Exits 0 when the login succeeds, 77 when it fails. A failure answers only after the failure delay."
        )

        @Argument(help: "The user name.") var user: String
        @Argument(help: "The password (default: asked on the terminal, or read from stdin).") var password: String?
        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            let configuration = try await installation.loadConfiguration()
            let secret = try password ?? PasswordInput.read(prompt: "Password: ", confirm: false)
            let outcome = try await withAuthenticator(configuration) { authenticator in
                await authenticator.authenticate(
                    username: user, password: secret,
                    client: ClientInfo(remoteAddress: "127.0.0.1", isTLS: true, service: "doveadm")
                )
            }
            switch outcome {
            case .success(let authenticated, _):
                print("passdb: \(authenticated.username) auth succeeded")
                printFields(authenticated.passdbFields, prefix: "  ")
            case .failure(let failure):
                print("passdb: \(user) auth failed: \(failure.detail)")
                throw ExitCode(77)
            case .challenge:
                throw ExitCode.failure
            }
        }
    }

    struct Lookup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a user's userdb fields (like `doveadm user`).",
            discussion: "Exits 0 when the user exists, 67 when not."
        )

        @Argument(help: "The user name.") var user: String
        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            let configuration = try await installation.loadConfiguration()
            let record = try await withAuthenticator(configuration) { authenticator in
                try await authenticator.lookupUser(user, service: "doveadm")
            }
            guard let record else {
                print("userdb lookup: user \(user) doesn't exist")
                throw ExitCode(67)
            }
            print("userdb: \(record.username)")
            printFields(record.fields, prefix: "  ")
        }
    }
}

/// Runs `body` with the configured authenticator, its databases' services running meanwhile.
func withAuthenticator<Result: Sendable>(
    _ configuration: ColumbaConfiguration,
    _ body: @Sendable (Authenticator) async throws -> Result
) async throws -> Result {
    let logger = Logger(label: "columba.auth") { label in
        StructuredLogHandler(label: label, level: .warning, format: .text)
    }
    let setup = try AuthSetup(configuration: configuration, logger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        for service in setup.services {
            group.addTask { try await service.run() }
        }
        defer { group.cancelAll() }
        return try await body(setup.authenticator)
    }
}

private func printFields(_ fields: [String: String], prefix: String) {
    for key in fields.keys.sorted() {
        print("\(prefix)\(key)\t: \(fields[key]!)")
    }
}
