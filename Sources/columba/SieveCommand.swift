import ArgumentParser
import Foundation
import Sieve

struct SieveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sieve",
        abstract: "Work with Sieve scripts.",
        subcommands: [Check.self, Test.self] + SieveScriptCommands.all
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

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run Sieve test files (.svtest, written with vnd.dovecot.testsuite).",
            discussion: "Prints one line per test block and a final 'N passed, M failed' line; exits 1 on any failure. Include and sub-script paths are relative to each test file's directory."
        )

        @Flag(name: .customShort("F"), help: "Expect failure: a block passes when it fails, a file when it does not compile.")
        var expectFailure = false

        @Argument(help: "The test files.") var files: [String]

        func run() throws {
            var passed = 0
            var failed = 0
            for file in files {
                let url = URL(fileURLWithPath: file)
                let directory = url.deletingLastPathComponent().path
                print("\(file):")
                guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                    printError("\(file): cannot read")
                    failed += 1
                    continue
                }
                let runner = SieveTestRunner(directory: directory, source: SieveTestDirectory(directory: directory),
                                             now: Int(Date().timeIntervalSince1970))
                let report = runner.run(text)
                for line in report.lines.dropLast() { print(line) }
                if expectFailure {
                    let blocksFailed = report.outcomes.count - report.passed - report.skipped
                    passed += report.fileFailure == nil ? blocksFailed : 1
                    failed += report.fileFailure == nil ? report.passed : 0
                } else {
                    passed += report.passed
                    failed += report.failed
                }
            }
            print("\(passed) passed, \(failed) failed")
            if failed > 0 { throw ExitCode.failure }
        }
    }
}

/// Reads the files a test script names from the directory of the test file.
private struct SieveTestDirectory: SieveTestFileSource {
    var directory: String

    func text(at path: String) -> String? {
        try? String(contentsOfFile: path.hasPrefix("/") ? path : directory + "/" + path, encoding: .utf8)
    }
}
