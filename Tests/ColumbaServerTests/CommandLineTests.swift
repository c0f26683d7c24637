import Foundation
import MailStore
import MailTesting
import Testing

@Suite("Command line")
struct CommandLineTests {
    @Test("every verb has --help")
    func help() throws {
        for verb in [["serve"], ["config", "check"], ["config", "show"], ["pw"], ["auth", "test"], ["auth", "lookup"],
                     ["user", "add"], ["user", "remove"], ["user", "list"], ["user", "passwd"], ["sieve", "check"], ["sieve", "test"],
                     ["save"], ["mailbox", "list"], ["mailbox", "create"], ["mailbox", "status"],
                     ["version"]] {
            let result = try ServerProcess.runCommand(verb + ["--help"])
            #expect(result.status == 0, "\(verb)")
            #expect(result.output.contains("USAGE: columba \(verb.joined(separator: " "))"), "\(verb): \(result.output)")
        }
    }

    @Test("config check names file, line and key, and exits 78")
    func configCheckError() throws {
        let installation = try TestInstallation()
        let path = try installation.writeConfiguration("""
            hostname: mail.example.test
            listeners:
              imap: { protocol: imap, port: 70000 }
            log:
              levle: debug
            """)
        let result = try ServerProcess.runCommand(["config", "check", "--config", path])
        #expect(result.status == 78)
        #expect(result.error.contains("\(path):3: listeners.imap.port:"), "\(result.error)")
        #expect(result.error.contains("\(path):5: log.levle: unknown key"), "\(result.error)")
        // serve refuses the same file the same way.
        let serve = try ServerProcess.runCommand(["serve", "--config", path])
        #expect(serve.status == 78)
        #expect(serve.error.contains("\(path):3: listeners.imap.port:"))
    }

    @Test("config show masks secrets")
    func configShowMasksSecrets() throws {
        let installation = try TestInstallation()
        let result = try installation.run(["config", "show"], configuration: installation.configuration(auth: """
              passdb:
                driver: postgresql
                url: postgres://mail:hunter2@127.0.0.1/mail
                password_query: SELECT password FROM users WHERE userid = '%u'
              userdb: { driver: static }
            """))
        #expect(result.status == 0, "\(result.error)")
        #expect(!result.output.contains("hunter2"))
        #expect(result.output.contains("********"))
    }

    @Test("user add, list, passwd and remove edit the account file; the new password works")
    func userVerbs() throws {
        let installation = try TestInstallation()
        let configuration = installation.configuration()
        let add = try installation.run(["user", "add", "carol@example.test", "--password", "first one"], configuration: configuration)
        #expect(add.status == 0, "\(add.error)")
        let stdinAdd = try installation.run(["user", "add", "dave@example.test", "-s", "SHA512-CRYPT"],
                                            configuration: configuration, input: "from stdin\n")
        #expect(stdinAdd.status == 0, "\(stdinAdd.error)")
        let list = try installation.run(["user", "list"], configuration: configuration)
        #expect(list.output.split(separator: "\n") == ["carol@example.test", "dave@example.test"])
        #expect(try installation.run(["auth", "test", "dave@example.test", "from stdin"], configuration: configuration).status == 0)
        let file = try String(contentsOfFile: installation.usersPath, encoding: .utf8)
        #expect(file.contains("dave@example.test:{SHA512-CRYPT}$6$"))
        let mode = try FileManager.default.attributesOfItem(atPath: installation.usersPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        #expect(try installation.run(["user", "passwd", "carol@example.test", "--password", "second"], configuration: configuration).status == 0)
        #expect(try installation.run(["auth", "test", "carol@example.test", "second"], configuration: configuration).status == 0)
        #expect(try installation.run(["auth", "test", "carol@example.test", "first one"], configuration: configuration).status == 77)
        #expect(try installation.run(["user", "remove", "carol@example.test"], configuration: configuration).status == 0)
        #expect(try installation.run(["user", "remove", "carol@example.test"], configuration: configuration).status == 67)
        #expect(try installation.run(["user", "list"], configuration: configuration).output == "dave@example.test\n")

        let quota = try installation.run(["user", "add", "erin@example.test", "--password", "x", "--quota-storage", "5000"],
                                         configuration: configuration)
        #expect(quota.status == 0)
        #expect(try installation.run(["auth", "lookup", "erin@example.test"], configuration: configuration).output
            .contains("quota_storage_bytes\t: 5000"))
    }

    @Test("sieve check reports file:line:column and exits 1; a good script prints its extensions")
    func sieveCheck() throws {
        let installation = try TestInstallation()
        let good = installation.directory.appendingPathComponent("good.sieve").path
        let bad = installation.directory.appendingPathComponent("bad.sieve").path
        try "require [\"fileinto\", \"vacation\"];\nif true { fileinto \"x\"; }\n".write(toFile: good, atomically: true, encoding: .utf8)
        try "require \"fileinto\";\nif true {\n  fileinto :copy \"x\";\n}\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let ok = try ServerProcess.runCommand(["sieve", "check", good])
        #expect(ok.status == 0)
        #expect(ok.output == "\(good): OK (requires fileinto, vacation)\n")
        let failed = try ServerProcess.runCommand(["sieve", "check", good, bad])
        #expect(failed.status == 1)
        #expect(failed.error == "\(bad):3:12: tag ':copy' needs require \"copy\"\n")
    }

    @Test("sieve test prints a line per test block and the totals, and exits 1 on a failure")
    func sieveTest() throws {
        let installation = try TestInstallation()
        let file = installation.directory.appendingPathComponent("suite.svtest").path
        try """
            require ["vnd.dovecot.testsuite", "include"];
            test "passes" { include "helper"; }
            test "fails" { test_fail "on purpose"; }
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let included = installation.directory.appendingPathComponent("included")
        try FileManager.default.createDirectory(at: included, withIntermediateDirectories: true)
        try "keep;\n".write(to: included.appendingPathComponent("helper.sieve"), atomically: true, encoding: .utf8)
        let result = try ServerProcess.runCommand(["sieve", "test", file])
        #expect(result.status == 1)
        #expect(result.output == "\(file):\n 1: Test 'passes' SUCCEEDED\n 2: Test 'fails' FAILED: on purpose\n1 passed, 1 failed\n")
    }

    @Test("save stores stdin in the user's home from the userdb; mailbox create, list and status")
    func saveAndMailbox() async throws {
        let installation = try TestInstallation()
        let home = installation.directory.appendingPathComponent("homes/frank").path
        try "frank@example.test:{PLAIN}x::::\(home)::\n".write(toFile: installation.usersPath, atomically: true, encoding: .utf8)
        let configuration = installation.configuration()
        let message = "From: a@example.org\r\nSubject: saved\r\n\r\nHello\n"
        let first = try installation.run(["save", "-u", "frank@example.test"], configuration: configuration, input: message)
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output == "uid=1\n")
        let created = try installation.run(["mailbox", "create", "-u", "frank@example.test", "--special-use", "\\Sent", "Sent"],
                                           configuration: configuration)
        #expect(created.status == 0, "\(created.error)")
        #expect(try installation.run(["save", "-u", "frank@example.test", "-m", "Sent"], configuration: configuration, input: message)
            .output == "uid=1\n")
        #expect(try installation.run(["mailbox", "list", "-u", "frank@example.test"], configuration: configuration).output
            == "INBOX\nSent\n")
        let status = try installation.run(["mailbox", "status", "-u", "frank@example.test", "INBOX"], configuration: configuration)
        #expect(status.output.hasPrefix("messages=1 unseen=1 uidnext=2 "))
        #expect(status.output.hasSuffix(" vsize=\(message.utf8.count + 1)\n"))
        // The bytes are stored as given, under the home the userdb named.
        let store = try await UserMailStore.open(home: home)
        #expect(try await store.body(of: 1) == Array(message.utf8))
        let unknown = try installation.run(["save", "-u", "nobody@example.test"], configuration: configuration, input: message)
        #expect(unknown.status != 0)
        #expect(unknown.error.contains("user nobody@example.test doesn't exist"))
    }

    @Test("pw -t verifies a hash and rejects a wrong password")
    func pwTest() throws {
        let hash = try ServerProcess.runCommand(["pw", "-s", "SSHA256", "-p", "pässword"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try ServerProcess.runCommand(["pw", "-t", hash, "-p", "pässword"]).status == 0)
        #expect(try ServerProcess.runCommand(["pw", "-t", hash, "-p", "password"]).status == 1)
    }
}
