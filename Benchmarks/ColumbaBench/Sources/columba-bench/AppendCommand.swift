import ArgumentParser
import ColumbaBench

/// `columba-bench imap append`.
struct AppendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Append-only workload: each client logs in once and APPENDs to INBOX."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var users: UserOptions
    @OptionGroup var load: LoadOptions

    func run() async throws {
        try await runLoad(.append, name: "append", connection: connection, users: users, load: load)
    }
}
