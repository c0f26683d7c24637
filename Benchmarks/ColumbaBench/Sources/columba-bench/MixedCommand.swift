import ArgumentParser
import ColumbaBench

/// `columba-bench imap mixed`.
struct MixedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mixed",
        abstract: "Mixed workload: LOGIN, LIST, SELECT, FETCH, SEARCH, STORE, EXPUNGE, APPEND, STATUS, LOGOUT.",
        discussion: "Each round takes each step with its probability in percent; defaults: "
            + MixedProfile.Step.allCases.map { "\($0.rawValue)=\(MixedProfile.standard.weight(of: $0))" }.joined(separator: ",")
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var users: UserOptions
    @OptionGroup var load: LoadOptions

    @Option(help: "Step probabilities to change, as step=percent,step=percent.")
    var weights = ""

    func run() async throws {
        let profile: MixedProfile
        do {
            profile = try MixedProfile(overriding: weights)
        } catch {
            throw ValidationError(error.reason)
        }
        try await runLoad(.mixed(profile), name: "mixed", connection: connection, users: users, load: load)
    }
}
