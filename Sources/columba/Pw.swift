import ArgumentParser
import Auth
import ServerKit

struct Pw: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hash a password, or check one against a hash (like `doveadm pw`).",
        discussion: "Prints {SCHEME}hash, ready for a passwd-file or a SQL password column."
    )

    @Option(name: .short, help: ArgumentHelp("The scheme (default: the configured auth.default_scheme).", valueName: "scheme"))
    var scheme: String?

    @Option(name: .short, help: ArgumentHelp("The password (default: asked on the terminal, or read from stdin).",
                                            valueName: "password"))
    var password: String?

    @Option(name: .short, help: ArgumentHelp("Rounds or cost for schemes that take one.", valueName: "rounds"))
    var rounds: Int?

    @Option(name: .short, help: ArgumentHelp("Check the password against this hash instead of making one.",
                                            valueName: "hash"))
    var test: String?

    @Flag(name: .short, help: "Print the hash without its {SCHEME} prefix.")
    var noPrefix = false

    @OptionGroup var installation: InstallationOptions

    func run() async throws {
        let schemeName: String
        if let scheme {
            schemeName = scheme
        } else {
            schemeName = try await installation.loadConfiguration().auth.defaultScheme
        }
        guard let format = PasswordFormat(name: schemeName) else {
            throw ValidationError("unknown scheme \(schemeName); known: "
                                  + PasswordScheme.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let secret = try password ?? PasswordInput.read(confirm: test == nil)
        if let test {
            let stored = try StoredPassword(parsing: test, defaultScheme: format)
            guard try await PasswordHasher.verify(password: secret, stored: stored) else {
                print("\(test) (failed)")
                throw ExitCode(1)
            }
            print("\(test) (verified)")
            return
        }
        let hashed = try await PasswordHasher.hash(password: secret, format: format, rounds: rounds)
        if noPrefix, let end = hashed.firstIndex(of: "}") {
            print(hashed[hashed.index(after: end)...])
        } else {
            print(hashed)
        }
    }
}
