import ArgumentParser
import Auth
import ColumbaServer
import Foundation
import Sieve
import SieveScripts

/// `columba sieve put|get|list|activate|deactivate|delete -u USER`: a user's scripts in their
/// home, as ``SieveScriptStore`` keeps them and LMTP delivery runs them.
enum SieveScriptCommands {
    static let all: [any ParsableCommand.Type] = [Put.self, Get.self, List.self, Activate.self, Deactivate.self, Delete.self]

    struct Put: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store a script for a user, read from FILE or standard input; it must compile.",
            discussion: "Prints file:line:column: message and exits 1 when the script does not compile."
        )
        @Option(name: .short, help: "The user.") var user: String
        @Flag(help: "Make it the active script too.") var activate = false
        @Argument(help: "The script name.") var name: String
        @Argument(help: "The script file (default: standard input).") var file: String?
        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            let data = try file.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
                ?? FileHandle.standardInput.readDataToEndOfFile()
            let text = String(decoding: data, as: UTF8.self)
            do {
                _ = try SieveScript(compiling: text)
            } catch {
                printError("\(file ?? name):\(error.location.line):\(error.location.column): \(error.message)")
                throw ExitCode.failure
            }
            let (name, activate) = (name, activate)
            try await withScriptStore(user, installation) { store in
                try store.put(name, text: text)
                if activate { try store.activate(name) }
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a user's script.")
        @Option(name: .short, help: "The user.") var user: String
        @Argument(help: "The script name.") var name: String
        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            let name = name
            print(try await withScriptStore(user, installation) { try $0.read(name) }, terminator: "")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a user's scripts; the active one is marked ACTIVE.")
        @Option(name: .short, help: "The user.") var user: String
        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            let (names, active) = try await withScriptStore(user, installation) { try $0.list() }
            for name in names {
                print(name == active ? "\(name) ACTIVE" : name)
            }
        }
    }

    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a script the one delivery runs.")
        @Option(name: .short, help: "The user.") var user: String
        @Argument(help: "The script name.") var name: String
        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            let name = name
            try await withScriptStore(user, installation) { try $0.activate(name) }
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Leave no script active.")
        @Option(name: .short, help: "The user.") var user: String
        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            try await withScriptStore(user, installation) { try $0.deactivate() }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a script that is not active.")
        @Option(name: .short, help: "The user.") var user: String
        @Argument(help: "The script name.") var name: String
        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            let name = name
            try await withScriptStore(user, installation) { try $0.delete(name) }
        }
    }
}

/// Runs `body` on the script store in `user`'s home; a store error exits 1 with its message.
private func withScriptStore<Result: Sendable>(
    _ user: String,
    _ installation: InstallationOptions,
    _ body: @Sendable (SieveScriptStore) throws -> Result
) async throws -> Result {
    let configuration = try await installation.loadConfiguration()
    let home = try await withAuthenticator(configuration) { authenticator in
        guard let record = try await authenticator.lookupUser(user, service: "doveadm") else {
            throw ValidationError("user \(user) doesn't exist")
        }
        return MailHome.path(for: record, configuration: configuration)
    }
    do {
        return try body(SieveScriptStore(home: home))
    } catch let error as SieveScriptStoreError {
        printError(error.description)
        throw ExitCode.failure
    }
}
