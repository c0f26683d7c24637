import ArgumentParser

/// `columba-bench`: load generator and answer checker for mail servers.
@main
struct ColumbaBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "columba-bench",
        abstract: "Drives a mail server with concurrent clients, checks every answer, prints rates and latencies.",
        subcommands: [IMAPCommand.self, LMTPCommand.self]
    )
}

/// `columba-bench imap ...`.
struct IMAPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imap",
        abstract: "Benchmarks an IMAP server.",
        subcommands: [MixedCommand.self, AppendCommand.self, IdleHoldCommand.self]
    )
}
