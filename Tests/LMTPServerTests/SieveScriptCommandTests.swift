import Foundation
import SieveScripts
import MailTesting
import Testing

/// `columba sieve put|get|list|activate|deactivate|delete -u USER` on a user's script store.
@Suite("columba sieve script verbs")
struct SieveScriptCommandTests {
    @Test("put refuses a broken script with its position; the verbs manage the active script")
    func verbs() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("columba-sievecli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let users = directory.appendingPathComponent("users").path
        try "alice@example.test:{PLAIN}secret::::::\n".write(toFile: users, atomically: true, encoding: .utf8)
        let config = directory.appendingPathComponent("columba.yaml").path
        try """
            hostname: mx.example.test
            data_dir: \(directory.path)
            auth:
              passdb: { driver: passwd-file, path: \(users) }
              userdb: { driver: passwd-file, path: \(users) }
            """.write(toFile: config, atomically: true, encoding: .utf8)
        func columba(_ arguments: [String], input: String? = nil) throws -> ChildProcess.Result {
            try ServerProcess.runCommand(["sieve"] + arguments + ["-u", "alice@example.test", "--config", config],
                                         standardInput: input)
        }
        let broken = try columba(["put", "main"], input: "require \"fileinto\";\nfileinto;\n")
        #expect(broken.status == 1)
        #expect(broken.error.hasPrefix("main:2:1: "), "\(broken.error)")
        let good = "require \"fileinto\";\nfileinto \"Archive\";\n"
        #expect(try columba(["put", "--activate", "main"], input: good).status == 0)
        #expect(try columba(["put", "spare"], input: "keep;\n").status == 0)
        #expect(try columba(["list"]).output == "main ACTIVE\nspare\n")
        #expect(try columba(["get", "main"]).output == good)
        let store = SieveScriptStore(home: directory.appendingPathComponent("mail/example.test/alice").path)
        #expect(store.activePath() == store.path(of: "main"))
        let deleteActive = try columba(["delete", "main"])
        #expect(deleteActive.status == 1 && deleteActive.error.contains("is active"))
        #expect(try columba(["activate", "spare"]).status == 0)
        #expect(try columba(["delete", "main"]).status == 0)
        #expect(try columba(["deactivate"]).status == 0)
        #expect(try columba(["list"]).output == "spare\n")
        #expect(store.activePath() == nil)
        #expect(try columba(["put", "../escape"], input: "keep;\n").status == 1)
    }
}
