import Foundation
import MailTesting

/// External programs and servers the tests talk to, found through the environment.
///
/// With `TEST_REQUIRE_PEERS=1` a missing peer fails its test instead of skipping it.
enum Peers {
    static let environment = ProcessInfo.processInfo.environment

    /// Whether missing peers are failures.
    static var required: Bool { environment["TEST_REQUIRE_PEERS"] == "1" }

    /// The Python interpreter (`TEST_PYTHON`, else `python3`).
    static var python: String { environment["TEST_PYTHON"] ?? "python3" }

    /// `TEST_POSTGRES_URL`, e.g. `postgres://mailsrv:mailsrv@127.0.0.1:15432/mailsrv`.
    static var postgresURL: String? { environment["TEST_POSTGRES_URL"] }

    /// Whether `python -c "import scramp"` works.
    static let scrampAvailable: Bool = (try? run([python, "-c", "import scramp"]).status) == 0

    /// `doveadm` found on PATH.
    static let doveadm: String? = findOnPath("doveadm")

    /// Runs a program (looked up on PATH) and collects its output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try ChildProcess.run(arguments[0], Array(arguments.dropFirst()))
        return (result.status, result.output)
    }

    static func findOnPath(_ name: String) -> String? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Test fixture files and scratch directories.
enum Fixtures {
    /// `Tests/AuthTests/Fixtures`.
    static let directory: String = {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }()

    static func path(_ name: String) -> String { "\(directory)/\(name)" }

    /// A fresh empty directory under the system temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "columba-auth-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The `doveadm pw` hashes committed in `doveadm-pw.txt`: (scheme as given to doveadm, hash).
    static func doveadmHashes() throws -> [(scheme: String, hash: String)] {
        let text = try String(contentsOfFile: path("doveadm-pw.txt"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
    }

    /// The password every hash in `doveadm-pw.txt` was made from.
    static let doveadmPassword = "Secret pässwörd 1"
}
