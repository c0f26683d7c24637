import Foundation
import MailTesting
import Testing

@testable import IMAPServer

/// Clients we did not write, in the selected state: Python's imaplib and imapclient, curl and
/// mbsync (isync). Each checks what it read, not just that it ran.
///
/// A client that is not installed skips its test, unless `TEST_REQUIRE_PEERS=1` (scripts/test)
/// makes that a failure.
@Suite("IMAP with real clients")
struct IMAPRealClientTests {
    static let imaplibScript = #"""
        import imaplib, sys
        port = int(sys.argv[1])
        imaplib.Commands.setdefault("MOVE", ("SELECTED",))
        m = imaplib.IMAP4("127.0.0.1", port)
        m.login("alice@example.test", "wonderland")
        first = b"From: Alice <alice@example.test>\r\nSubject: first\r\n\r\nHello first\r\n"
        second = b"From: Bob <bob@example.test>\r\nSubject: second\r\n\r\nHello second\r\n"
        assert m.append("INBOX", "(\\Seen)", None, first)[0] == "OK"
        assert m.append("INBOX", None, None, second)[0] == "OK"
        typ, data = m.select("INBOX")
        assert (typ, data) == ("OK", [b"2"]), (typ, data)
        assert m.untagged_responses.get("UIDVALIDITY"), m.untagged_responses
        typ, data = m.fetch("1:2", "(UID FLAGS RFC822.SIZE)")
        assert typ == "OK" and len(data) == 2, data
        assert data[0] == b"1 (UID 1 FLAGS (\\Seen \\Recent) RFC822.SIZE %d)" % len(first), data
        typ, data = m.fetch("2", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODY.PEEK[TEXT])")
        assert data[0][1] == b"Subject: second\r\n\r\n" and data[1][1] == b"Hello second\r\n", data
        typ, data = m.uid("FETCH", "2", "(RFC822)")
        assert data[0][1] == second, data
        typ, data = m.fetch("2", "(FLAGS)")
        assert b"\\Seen" in data[0], data  # RFC822 set \Seen
        assert m.search(None, "FROM", "bob") == ("OK", [b"2"])
        assert m.uid("SEARCH", None, "SUBJECT", "first") == ("OK", [b"1"])
        typ, data = m.store("1", "+FLAGS", "(\\Flagged $Work)")
        assert typ == "OK" and b"\\Flagged" in data[0] and b"$Work" in data[0], data
        assert m.search(None, "KEYWORD", "$Work") == ("OK", [b"1"])
        assert m.create("Archive")[0] == "OK"
        typ, data = m.copy("1", "Archive")
        assert typ == "OK" and b"COPYUID" in data[0], data
        typ, data = m.uid("MOVE", "2", "Archive")
        assert typ == "OK", (typ, data)
        assert m.untagged_responses.pop("EXPUNGE") == [b"2"], m.untagged_responses
        assert m.store("1", "+FLAGS", "(\\Deleted)")[0] == "OK"
        typ, data = m.expunge()
        assert (typ, data) == ("OK", [b"1"]), (typ, data)
        assert m.close()[0] == "OK"
        typ, data = m.select("Archive", readonly=True)
        assert data == [b"2"], data
        typ, data = m.fetch("1:*", "(FLAGS BODY.PEEK[])")
        bodies = sorted(part[1] for part in data if isinstance(part, tuple))
        assert bodies == sorted([first, second]), data
        assert m.store("1", "+FLAGS", "(\\Deleted)")[0] == "NO"
        m.logout()
        print("imaplib selected ok")
        """#

    static let imapclientScript = #"""
        import sys, threading
        from imapclient import IMAPClient
        port = int(sys.argv[1])
        client = IMAPClient("127.0.0.1", port=port, ssl=False, timeout=60)
        client.login("alice@example.test", "wonderland")
        assert client.has_capability("QRESYNC") and client.has_capability("IDLE")
        info = client.select_folder("INBOX")
        assert info[b"EXISTS"] == 0 and b"HIGHESTMODSEQ" in info, info
        client.append("INBOX", b"Subject: a\r\n\r\nfirst\r\n", flags=[b"\\Seen"])
        client.append("INBOX", b"Subject: b\r\n\r\nsecond\r\n")
        uids = client.search(["ALL"])
        assert uids == [1, 2], uids
        fetched = client.fetch(uids, ["FLAGS", "BODY.PEEK[TEXT]", "MODSEQ", "EMAILID"])
        assert fetched[1][b"BODY[TEXT]"] == b"first\r\n" and b"\\Seen" in fetched[1][b"FLAGS"], fetched
        assert fetched[2][b"EMAILID"] != fetched[1][b"EMAILID"], fetched
        modseq = max(item[b"MODSEQ"][0] for item in fetched.values())
        client.add_flags([2], [b"\\Answered"])
        changed = client.fetch([1, 2], ["FLAGS"], modifiers=["CHANGEDSINCE %d" % modseq])
        assert list(changed) == [2] and b"\\Answered" in changed[2][b"FLAGS"], changed
        assert client.search(["UNANSWERED"]) == [1]
        # IDLE: a message appended by another connection arrives while idling.
        other = IMAPClient("127.0.0.1", port=port, ssl=False, timeout=60)
        other.login("alice@example.test", "wonderland")
        client.idle()
        other.append("INBOX", b"Subject: c\r\n\r\nthird\r\n")
        responses = client.idle_check(timeout=30)
        client.idle_done()
        assert (3, b"EXISTS") in responses, responses
        other.logout()
        client.move([1], "INBOX")  # moving into the same mailbox gives the message a new UID
        assert client.search(["ALL"]) == [2, 3, 4], client.search(["ALL"])
        client.delete_messages([2])
        client.expunge()
        assert client.search(["ALL"]) == [3, 4]
        client.unselect_folder()
        client.logout()
        print("imapclient ok")
        """#

    @Test("imaplib: SELECT, FETCH of parts, UID FETCH, SEARCH, STORE, COPY, MOVE, EXPUNGE, CLOSE, EXAMINE")
    func imaplib() async throws {
        guard let python = IMAPPythonClientTests.python else {
            #expect(ProcessInfo.processInfo.environment["TEST_REQUIRE_PEERS"] != "1", "no python3 for the imaplib test")
            return
        }
        try await IMAPTestServer.run { server in
            let result = try await IMAPPythonClientTests.run(python, ["-c", Self.imaplibScript, String(server.port)])
            #expect(result.status == 0, "\(result.output)\n\(result.error)")
            #expect(result.output.contains("imaplib selected ok"))
        }
    }

    @Test("imapclient: CONDSTORE, CHANGEDSINCE, EMAILID, IDLE seeing another connection's APPEND, MOVE, UNSELECT")
    func imapclient() async throws {
        guard let python = IMAPPythonClientTests.python,
              (try? ChildProcess.run(python, ["-c", "import imapclient"]).status) == 0 else {
            #expect(ProcessInfo.processInfo.environment["TEST_REQUIRE_PEERS"] != "1", "no python3 with imapclient")
            return
        }
        try await IMAPTestServer.run { server in
            let result = try await IMAPPythonClientTests.run(python, ["-c", Self.imapclientScript, String(server.port)])
            #expect(result.status == 0, "\(result.output)\n\(result.error)")
            #expect(result.output.contains("imapclient ok"))
        }
    }

    /// A program on PATH, or nil (then the test is skipped unless peers are required).
    static func tool(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
            return "\(directory)/\(name)"
        }
        #expect(ProcessInfo.processInfo.environment["TEST_REQUIRE_PEERS"] != "1", "\(name) is not installed")
        return nil
    }

    @Test("curl fetches a message by UID and runs a SEARCH")
    func curl() async throws {
        guard let curl = Self.tool("curl") else { return }
        try await IMAPTestServer.run { server in
            let client = try await server.loggedIn()
            let message = "From: alice@example.test\r\nSubject: for curl\r\n\r\nfetched by UID\r\n"
            for tag in ["a1", "a2"] {
                try await client.sendRaw(Array("\(tag) APPEND INBOX {\(message.utf8.count)+}\r\n\(message)\r\n".utf8))
                _ = try await client.readUntil(prefix: "\(tag) ")
            }
            let url = "imap://127.0.0.1:\(server.port)/INBOX"
            let fetched = try await IMAPPythonClientTests.run(curl, ["-sS", "--user", "alice@example.test:wonderland", "\(url);UID=2"])
            #expect(fetched.status == 0, "\(fetched.error)")
            #expect(fetched.output == message)
            let searched = try await IMAPPythonClientTests.run(curl, ["-sS", "--user", "alice@example.test:wonderland", "\(url)?SUBJECT%20curl"])
            #expect(searched.output == "* SEARCH 1 2\r\n", "\(searched.error)")
            let refused = try await IMAPPythonClientTests.run(curl, ["-sS", "--user", "alice@example.test:wrong", "\(url);UID=1"])
            #expect(refused.status != 0)
        }
    }

    @Test("mbsync syncs both ways: pulls mail and folders, pushes a new message, a flag and a deletion, then pulls an expunge")
    func mbsync() async throws {
        guard let mbsync = Self.tool("mbsync") else { return }
        try await IMAPTestServer.run { server in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("columba-mbsync-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: directory) }
            try FileManager.default.createDirectory(atPath: directory + "/mail", withIntermediateDirectories: true)
            let configuration = """
                IMAPAccount columba
                Host 127.0.0.1
                Port \(server.port)
                User alice@example.test
                Pass wonderland
                SSLType None
                AuthMechs PLAIN

                IMAPStore remote
                Account columba

                MaildirStore local
                Path \(directory)/mail/
                Inbox \(directory)/mail/INBOX
                SubFolders Verbatim

                Channel everything
                Far :remote:
                Near :local:
                Patterns *
                Create Both
                Expunge Both
                SyncState *

                """
            try configuration.write(toFile: directory + "/mbsyncrc", atomically: true, encoding: .utf8)
            let sync = { try await IMAPPythonClientTests.run(mbsync, ["-c", directory + "/mbsyncrc", "-a"]) }

            let client = try await server.loggedIn()
            let first = "Subject: first\r\n\r\none\r\n"
            let second = "Subject: second\r\n\r\ntwo\r\n"
            let archived = "Subject: archived\r\n\r\nthree\r\n"
            _ = try await client.command("a1 CREATE Archive")
            for (tag, mailbox, flags, message) in [("a2", "INBOX", "\\Seen", first), ("a3", "INBOX", "", second), ("a4", "Archive", "", archived)] {
                try await client.sendRaw(Array("\(tag) APPEND \(mailbox) (\(flags)) {\(message.utf8.count)+}\r\n\(message)\r\n".utf8))
                _ = try await client.readUntil(prefix: "\(tag) ")
            }

            var result = try await sync()
            #expect(result.status == 0, "\(result.output)\n\(result.error)")
            var inbox = try Self.maildir(directory + "/mail/INBOX")
            #expect(inbox.values.sorted() == [first, second].sorted())
            #expect(inbox.first { $0.value == first }?.key.hasSuffix(":2,S") == true, "\(inbox.keys)")
            let archive = try Self.maildir(directory + "/mail/Archive")
            #expect(Array(archive.values) == [archived])

            // Local changes: a new message, a flag on the unread one, the archived one deleted.
            let local = "Subject: written locally\r\n\r\nfour\r\n"
            try local.write(toFile: directory + "/mail/INBOX/new/1000.local", atomically: true, encoding: .utf8)
            let unread = try #require(inbox.first { $0.value == second }?.key)
            let flagged = unread.contains(":2,") ? unread + "F" : unread + ":2,F"
            try FileManager.default.moveItem(atPath: directory + "/mail/INBOX/" + unread, toPath: directory + "/mail/INBOX/cur/" + (flagged as NSString).lastPathComponent)
            for name in archive.keys { try FileManager.default.removeItem(atPath: directory + "/mail/Archive/" + name) }
            result = try await sync()
            #expect(result.status == 0, "\(result.output)\n\(result.error)")

            _ = try await client.command("b1 SELECT INBOX")
            let fetched = try await client.command("b2 FETCH 1:* (FLAGS BODY.PEEK[TEXT])")
            #expect(fetched.filter { $0.hasPrefix("* ") && $0.contains(" FETCH ") }.count == 3, "\(fetched)")
            #expect(fetched.contains("four"), "\(fetched)")
            #expect(fetched.contains { $0.contains("FETCH (FLAGS (\\Flagged") } , "\(fetched)")
            #expect(try await client.command("b3 STATUS Archive (MESSAGES)").first == "* STATUS Archive (MESSAGES 0)")

            // An expunge on the server reaches the local folder.
            _ = try await client.command(#"b4 STORE 1 +FLAGS.SILENT (\Deleted)"#)
            _ = try await client.command("b5 EXPUNGE")
            result = try await sync()
            #expect(result.status == 0, "\(result.output)\n\(result.error)")
            inbox = try Self.maildir(directory + "/mail/INBOX")
            #expect(inbox.values.sorted() == [second, local].sorted())
        }
    }

    @Test("mutt in batch mode reads a message (which sets \\Seen) and saves it to another folder, deleting the original")
    func mutt() async throws {
        guard let mutt = Self.tool("mutt"), let script = Self.tool("script") else { return }
        try await IMAPTestServer.run { server in
            let client = try await server.loggedIn()
            let message = "From: Carol <carol@example.test>\r\nSubject: read me with mutt\r\n\r\nA body mutt shows.\r\n"
            try await client.sendRaw(Array("a1 APPEND INBOX {\(message.utf8.count)+}\r\n\(message)\r\n".utf8))
            _ = try await client.readUntil(prefix: "a1 ")
            _ = try await client.command("a2 CREATE Archive")
            let folder = "imap://alice%40example.test:wonderland@127.0.0.1:\(server.port)/"
            let settings = [
                "set folder=\(folder) spoolfile=+INBOX ssl_starttls=no ssl_force_tls=no imap_passive=no",
                "set delete=yes move=no quit=yes confirmappend=no mail_check=0 timeout=1 pager_stop=yes",
            ]
            let piped = FileManager.default.temporaryDirectory.appendingPathComponent("columba-mutt-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: piped) }
            let keys = "<display-message><exit><pipe-message>cat > \(piped)<enter><save-message>=Archive<enter><sync-mailbox><quit>"
            var command = "\(mutt) -n -F /dev/null"
            for setting in settings { command += " -e '\(setting)'" }
            command += " -e 'push \"\(keys)\"' -f +INBOX"
            // mutt needs a terminal: script(1) gives it one; timeout(1) guards against a hang.
            let result = try await IMAPPythonClientTests.run(
                "/usr/bin/env", ["TERM=xterm", "timeout", "60", script, "-qfec", command, "/dev/null"]
            )
            #expect(result.status == 0, "\(result.output)\n\(result.error)")
            // What mutt read, piped out of it: the message as stored.
            let read = try String(contentsOfFile: piped, encoding: .utf8)
            #expect(read.contains("Subject: read me with mutt") && read.contains("A body mutt shows."), "\(read)")
            _ = try await client.command("b1 SELECT Archive")
            let fetched = try await client.command("b2 FETCH 1 (FLAGS BODY.PEEK[])")
            #expect(fetched.first?.hasPrefix(#"* 1 FETCH (FLAGS (\Seen"#) == true, "\(fetched)")
            #expect(fetched.contains("A body mutt shows."), "\(fetched)")
            #expect(try await client.command("b3 STATUS INBOX (MESSAGES)").first == "* STATUS INBOX (MESSAGES 0)")
        }
    }

    /// The messages of a Maildir (its new/ and cur/), by path below it, as the server had them:
    /// mbsync stores LF line ends and adds its own X-TUID header field when it fetches.
    static func maildir(_ path: String) throws -> [String: String] {
        var messages: [String: String] = [:]
        for folder in ["new", "cur"] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path + "/" + folder)) ?? [] {
                let text = try String(contentsOfFile: path + "/" + folder + "/" + name, encoding: .utf8)
                messages[folder + "/" + name] = text.split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.hasPrefix("X-TUID: ") }
                    .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
                    .joined(separator: "\r\n")
            }
        }
        return messages
    }
}
