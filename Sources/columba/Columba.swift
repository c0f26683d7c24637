import ArgumentParser

/// The one `columba` binary: `serve`, and doveadm-like verbs that work on a stopped or a
/// running installation.
@main
struct Columba: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "columba",
        abstract: "Columba mail server: IMAP, LMTP, SMTP and Sieve in one process.",
        version: ColumbaVersion.current,
        subcommands: [
            Serve.self, ConfigCommand.self, Pw.self, AuthCommand.self, UserCommand.self, MailboxCommand.self, Save.self, Fetch.self,
            Search.self, Expunge.self, ForceResync.self, Purge.self, Import.self, SieveCommand.self,
            Version.self,
        ]
    )
}

/// The version string `columba version` and `--version` print.
enum ColumbaVersion {
    static let current = "0.1.0-dev"
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the version.")

    func run() {
        print("columba \(ColumbaVersion.current)")
    }
}
