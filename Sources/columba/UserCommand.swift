import ArgumentParser
import Auth
import ColumbaServer
import ServerKit

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage accounts in the built-in account file (a Dovecot passwd-file).",
        discussion: """
            Works when auth.passdb is a passwd-file. Changes are atomic and a running server \
            sees them at the next login.
            """,
        subcommands: [Add.self, Remove.self, List.self, Passwd.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account.")

        @Argument(help: "The user name, usually an address such as alice@example.org.") var name: String
        @Option(help: "The password (default: asked on the terminal, or read from stdin).") var password: String?
        @Option(name: .short, help: "The scheme (default: the configured auth.default_scheme).") var scheme: String?
        @Option(help: "Storage quota in bytes (userdb field quota_rule=*:bytes=N).") var quotaStorage: Int64?
        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            let (configuration, file) = try await accountFile(installation)
            let secret = try password ?? PasswordInput.read()
            let stored = try await hash(secret, scheme: scheme, configuration: configuration)
            var extra: [(key: String, value: String?)] = []
            if let quotaStorage { extra.append(("userdb_quota_rule", "*:bytes=\(quotaStorage)")) }
            try file.add(PasswdFileEntry(username: name, password: stored, extraFields: extra))
            print("added \(name)")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account (its mail stays on disk).")

        @Argument(help: "The user name.") var name: String
        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            let (_, file) = try await accountFile(installation)
            guard try file.remove(username: name) else {
                printError("columba: no user \(name) in \(file.path)")
                throw ExitCode(67)
            }
            print("removed \(name)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")

        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            let (_, file) = try await accountFile(installation)
            for entry in try file.list() {
                print(entry.username)
            }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an account's password.")

        @Argument(help: "The user name.") var name: String
        @Option(help: "The new password (default: asked on the terminal, or read from stdin).") var password: String?
        @Option(name: .short, help: "The scheme (default: the configured auth.default_scheme).") var scheme: String?
        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            let (configuration, file) = try await accountFile(installation)
            let secret = try password ?? PasswordInput.read()
            try file.setPassword(username: name, storedPassword: try await hash(secret, scheme: scheme, configuration: configuration))
            print("password changed for \(name)")
        }
    }
}

/// The configured account file, or an error that says why there is none.
private func accountFile(_ installation: InstallationOptions) async throws -> (ColumbaConfiguration, AccountFile) {
    let configuration = try await installation.loadConfiguration()
    guard case .passwdFile(let path) = configuration.auth.passdb else {
        throw ValidationError(
            "auth.passdb uses the \(configuration.auth.passdb.driver) driver: manage its users in that database; "
                + "`columba user` edits passwd-files only"
        )
    }
    return (configuration, AccountFile(path: path))
}

private func hash(_ password: String, scheme: String?, configuration: ColumbaConfiguration) async throws -> String {
    let name = scheme ?? configuration.auth.defaultScheme
    guard let format = PasswordFormat(name: name) else {
        throw ValidationError("unknown scheme \(name)")
    }
    return try await PasswordHasher.hash(password: password, format: format)
}
