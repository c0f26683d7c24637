import ArgumentParser
import Foundation
import Sieve

struct SieveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sieve",
        abstract: "Work with Sieve scripts.",
        subcommands: [Check.self] + SieveScriptCommands.all
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compile Sieve scripts and report every error as file:line:column: message.",
            discussion: "Exits 0 when every script compiles, 1 otherwise."
        )

        @Argument(help: "The script files.") var files: [String]

        func run() throws {
            var failed = false
            for file in files {
                let text: String
                do {
                    text = try String(contentsOfFile: file, encoding: .utf8)
                } catch {
                    printError("\(file): cannot read: \(error.localizedDescription)")
                    failed = true
                    continue
                }
                do {
                    let script = try SieveScript(compiling: text)
                    let extensions = script.extensions.sorted().joined(separator: ", ")
                    print("\(file): OK" + (extensions.isEmpty ? "" : " (requires \(extensions))"))
                } catch {
                    printError("\(file):\(error.location.line):\(error.location.column): \(error.message)")
                    failed = true
                }
            }
            if failed { throw ExitCode.failure }
        }
    }
}
