import ArgumentParser
import ColumbaServer
import Foundation
import MailStore

/// `columba save -u USER [-m MAILBOX] < message` (like `doveadm save`).
struct Save: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Save a message read from standard input into a user's mailbox.",
        discussion: "Prints the new UID. The message is on stable storage when this returns."
    )

    @Option(name: .short, help: "The user.") var user: String
    @Option(name: .short, help: "The mailbox (default INBOX).") var mailbox = "INBOX"
    @OptionGroup var installation: InstallationOptions

    func run() async throws {
        let configuration = try await installation.loadConfiguration()
        let message = Array(FileHandle.standardInput.readDataToEndOfFile())
        guard !message.isEmpty else { throw ValidationError("no message on standard input") }
        let uid = try await withAuthenticator(configuration) { authenticator in
            let store = try await MailHome.open(user: user, configuration: configuration, authenticator: authenticator)
            return try await store.save(message, to: mailbox)
        }
        print("uid=\(uid)")
    }
}

/// `columba mailbox list|create|status -u USER`.
struct MailboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailbox",
        abstract: "List, create, delete, rename and inspect a user's mailboxes.",
        subcommands: [List.self, Create.self, Delete.self, Rename.self, Status.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the mailboxes.")
        @Option(name: .short, help: "The user.") var user: String
        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            for mailbox in try await withStore(user, installation, { try await $0.mailboxes() }) {
                print(mailbox.name)
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create mailboxes.")
        @Option(name: .short, help: "The user.") var user: String
        @Option(help: "A special-use attribute such as \\\\Sent.") var specialUse: String?
        @Argument(help: "The mailbox names, with / as hierarchy separator.") var names: [String]
        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            let names = names
            let specialUse = specialUse
            try await withStore(user, installation) { store in
                for name in names {
                    try await store.createMailbox(named: name, specialUse: specialUse.map { [$0] } ?? [])
                }
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete mailboxes with their messages (mailboxes below them stay).")
        @Option(name: .short, help: "The user.") var user: String
        @Argument(help: "The mailbox names.") var names: [String]
        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            let names = names
            try await withStore(user, installation) { store in
                for name in names { try await store.deleteMailbox(named: name) }
            }
        }
    }

    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rename a mailbox and those below it; renaming INBOX moves its messages and leaves it empty."
        )
        @Option(name: .short, help: "The user.") var user: String
        @Argument(help: "The current name.") var old: String
        @Argument(help: "The new name.") var new: String
        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            let (old, new) = (old, new)
            try await withStore(user, installation) { try await $0.renameMailbox(from: old, to: new) }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print messages, unseen, uidnext, uidvalidity, highestmodseq, vsize.")
        @Option(name: .short, help: "The user.") var user: String
        @Argument(help: "The mailbox.") var name: String
        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            let name = name
            let status = try await withStore(user, installation) { try await $0.status(of: name) }
            print("messages=\(status.messages) unseen=\(status.unseen) uidnext=\(status.uidNext) "
                  + "uidvalidity=\(status.uidValidity) highestmodseq=\(status.highestModseq) vsize=\(status.size)")
        }
    }
}

/// Runs `body` with the mail store of `user`.
func withStore<Result: Sendable>(
    _ user: String,
    _ installation: InstallationOptions,
    _ body: @Sendable (UserMailStore) async throws -> Result
) async throws -> Result {
    let configuration = try await installation.loadConfiguration()
    return try await withAuthenticator(configuration) { authenticator in
        try await body(try await MailHome.open(user: user, configuration: configuration, authenticator: authenticator))
    }
}
