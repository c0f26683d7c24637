import Foundation
import GRDB
@testable import MailStore
import MailTesting
import Testing

@Suite("columba fetch, search, expunge, force-resync, purge, mailbox rename/delete")
struct MessageCommandTests {
    @Test("doveadm-style verbs select with IMAP search keys and print doveadm's field names")
    func verbs() async throws {
        let installation = try TestInstallation()
        let home = installation.directory.appendingPathComponent("homes/gina").path
        try "gina@example.test:{PLAIN}x::::\(home)::\n".write(toFile: installation.usersPath, atomically: true, encoding: .utf8)
        let configuration = installation.configuration()
        let user = ["-u", "gina@example.test"]
        func run(_ arguments: [String], input: String? = nil) throws -> ChildProcess.Result {
            try installation.run(arguments, configuration: configuration, input: input)
        }
        let first = "From: Alice <alice@example.org>\r\nSubject: Lunch\r\n\r\nSoup today.\r\n"
        let second = "From: bob@example.net\r\nSubject: Report\r\n\r\nNumbers.\r\n"
        #expect(try run(["save"] + user, input: first).output == "uid=1\n")
        #expect(try run(["save"] + user, input: second).output == "uid=2\n")
        let store = try await UserMailStore.open(home: home)
        _ = try await store.updateFlags(in: "INBOX", uids: [1], .add, FlagSet(system: .seen, keywords: ["$Label1"]))
        let inbox = try await store.mailbox(named: "INBOX")

        let fetched = try run(["fetch"] + user + ["uid flags size.physical hdr", "mailbox", "INBOX", "from", "alice"])
        #expect(fetched.status == 0, "\(fetched.error)")
        #expect(fetched.output == """
            uid: 1
            flags: \\Seen $Label1
            size.physical: \(first.utf8.count)
            hdr:
            From: Alice <alice@example.org>\r
            Subject: Lunch\r
            \r

            """)
        let both = try run(["fetch"] + user + ["uid body", "all"])
        #expect(both.output == "uid: 1\nbody:\nSoup today.\r\n\u{0C}\nuid: 2\nbody:\nNumbers.\r\n")
        #expect(try run(["fetch"] + user + ["guid mailbox", "unseen"]).output
            == "guid: \(try await store.messages(in: "INBOX")[1].guid.hex)\nmailbox: INBOX\n")
        #expect(try run(["search"] + user + ["or", "subject", "lunch", "body", "numbers"]).output
            == "\(inbox.guid.hex) 1\n\(inbox.guid.hex) 2\n")
        #expect(try run(["search"] + user + ["seen"]).output == "\(inbox.guid.hex) 1\n")
        let badField = try run(["fetch"] + user + ["uid nonsense", "all"])
        #expect(badField.status != 0)
        #expect(badField.error.contains("unknown field nonsense"))
        let badQuery = try run(["search"] + user + ["uid", "x:y"])
        #expect(badQuery.status != 0)
        #expect(badQuery.error.contains("invalid search query"))

        #expect(try run(["expunge"] + user).status != 0)
        // A mailbox alone is no query: nothing is expunged.
        #expect(try run(["expunge"] + user + ["mailbox", "INBOX"]).status != 0)
        #expect(try await store.messages(in: "INBOX").count == 2)
        #expect(try run(["expunge"] + user + ["mailbox", "INBOX", "seen"]).output == "expunged=1\n")
        #expect(try await store.messages(in: "INBOX").map(\.uid) == [2])

        #expect(try run(["mailbox", "create"] + user + ["Work", "Work/Old"]).status == 0)
        #expect(try run(["mailbox", "rename"] + user + ["Work", "Jobs"]).status == 0)
        #expect(try run(["mailbox", "delete"] + user + ["Jobs"]).status == 0)
        #expect(try run(["mailbox", "list"] + user).output == "INBOX\nJobs/Old\n")

        // The index lost a row whose file stays: force-resync brings the message back.
        try await store.index.database.write { db in try db.execute(sql: "DELETE FROM message") }
        #expect(try run(["force-resync"] + user).output.hasPrefix("mailboxes=2 messages=1 adopted=1 "))
        #expect(try await store.messages(in: "INBOX").map(\.uid) == [2])
    }

    @Test("columba purge reclaims a multi-dbox home's expunged messages, keeps the others whole, and says a single-dbox home has nothing to purge")
    func purge() async throws {
        let installation = try TestInstallation()
        let homes = installation.directory.appendingPathComponent("homes")
        try """
            mia@example.test:{PLAIN}x::::\(homes.path)/mia::
            sam@example.test:{PLAIN}x::::\(homes.path)/sam::

            """.write(toFile: installation.usersPath, atomically: true, encoding: .utf8)
        let multi = installation.configuration() + "\nmail: { format: mdbox, mdbox_rotate_size: 4k }\n"
        let mia = ["-u", "mia@example.test"]
        let bodies = (1...6).map { "Subject: note \($0)\r\n\r\n" + String(repeating: "line \($0)\r\n", count: 250) }
        for body in bodies {
            #expect(try installation.run(["save"] + mia, configuration: multi, input: body).status == 0)
        }
        let sizeBefore = try Self.storageSize("\(homes.path)/mia")
        #expect(try installation.run(["expunge"] + mia + ["uid", "1:3"], configuration: multi).output == "expunged=3\n")
        let purged = try installation.run(["purge"] + mia, configuration: multi)
        #expect(purged.status == 0, "\(purged.error)")
        // 4 KiB files hold one of these messages each: the three expunged ones' files go whole.
        let reclaimed = sizeBefore - (try Self.storageSize("\(homes.path)/mia"))
        #expect(purged.output == "removed=3 moved=0 files-deleted=3 bytes-reclaimed=\(reclaimed)\n")
        #expect(reclaimed > 3 * 2000)
        let fetched = try installation.run(["fetch"] + mia + ["body", "all"], configuration: multi).output
        #expect(fetched == bodies[3...].map { "body:\n" + $0.split(separator: "\r\n\r\n", maxSplits: 1)[1] }.joined(separator: "\u{0C}\n"))
        #expect(try installation.run(["purge"] + mia, configuration: multi).output == "removed=0 moved=0 files-deleted=0 bytes-reclaimed=0\n")

        let sam = ["-u", "sam@example.test"]
        #expect(try installation.run(["save"] + sam, configuration: installation.configuration(), input: bodies[0]).status == 0)
        #expect(try installation.run(["purge"] + sam, configuration: installation.configuration()).output
            == "nothing to purge: sam@example.test is stored in single-dbox, where expunged messages' files are deleted at once\n")
    }

    /// The bytes of a home's multi-dbox files.
    private static func storageSize(_ home: String) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: home + "/storage").reduce(0) { total, name in
            total + ((try FileManager.default.attributesOfItem(atPath: "\(home)/storage/\(name)")[.size] as? Int) ?? 0)
        }
    }
}
