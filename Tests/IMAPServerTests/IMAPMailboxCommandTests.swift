import MailTesting
import Testing

@testable import IMAPServer

/// Transcripts of the authenticated state: exact lines in, exact lines out.
@Suite("IMAP mailbox commands")
struct IMAPMailboxCommandTests {
    /// Sends each command and expects exactly the lines given, tagged reply last.
    private func expectTranscript(_ client: LineClient, _ steps: [(String, [String])], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for (command, expected) in steps {
            let reply = try await client.command(command)
            #expect(reply == expected, "after \(command)", sourceLocation: sourceLocation)
        }
    }

    @Test("CREATE, with parents and special use; LIST patterns and attributes; NAMESPACE")
    func createAndList() async throws {
        try await IMAPTestServer.run { server in
            let client = try await server.loggedIn()
            try await expectTranscript(client, [
                ("a1 NAMESPACE", [#"* NAMESPACE (("" "/")) NIL NIL"#, "a1 OK NAMESPACE completed."]),
                (#"a2 LIST "" """#, [#"* LIST (\Noselect) "/" """#, "a2 OK LIST completed."]),
                (#"a3 LIST "" *"#, [#"* LIST (\HasNoChildren) "/" INBOX"#, "a3 OK LIST completed."]),
                ("a4 CREATE Archive", ["a4 OK CREATE completed."]),
                ("a5 CREATE Archive", ["a5 NO [ALREADYEXISTS] Mailbox already exists."]),
                ("a6 CREATE inbox", ["a6 NO [ALREADYEXISTS] INBOX always exists."]),
                ("a7 CREATE Work/Projects/2026", ["a7 OK CREATE completed."]),
                (#"a8 CREATE Sent (USE (\Sent))"#, ["a8 OK CREATE completed."]),
                (#"a9 CREATE Bogus (USE (\Important))"#, [#"a9 NO [USEATTR] Unknown special use \Important."#]),
                ("b1 CREATE \"Entw\u{FC}rfe\"", ["b1 OK CREATE completed."]),
                ("b2 CREATE &AMQ-pfel/", ["b2 OK CREATE completed."]),
                ("b3 CREATE a//b", ["b3 NO [CANNOT] Invalid mailbox name."]),
                (#"b4 LIST "" *"#, [
                    #"* LIST (\HasNoChildren) "/" Archive"#,
                    #"* LIST (\HasNoChildren) "/" Entw&APw-rfe"#,
                    #"* LIST (\HasNoChildren) "/" INBOX"#,
                    #"* LIST (\HasNoChildren \Sent) "/" Sent"#,
                    #"* LIST (\HasChildren) "/" Work"#,
                    #"* LIST (\HasChildren) "/" Work/Projects"#,
                    #"* LIST (\HasNoChildren) "/" Work/Projects/2026"#,
                    #"* LIST (\HasNoChildren) "/" &AMQ-pfel"#,
                    "b4 OK LIST completed.",
                ]),
                (#"b5 LIST "" %"#, [
                    #"* LIST (\HasNoChildren) "/" Archive"#,
                    #"* LIST (\HasNoChildren) "/" Entw&APw-rfe"#,
                    #"* LIST (\HasNoChildren) "/" INBOX"#,
                    #"* LIST (\HasNoChildren \Sent) "/" Sent"#,
                    #"* LIST (\HasChildren) "/" Work"#,
                    #"* LIST (\HasNoChildren) "/" &AMQ-pfel"#,
                    "b5 OK LIST completed.",
                ]),
                ("b6 LIST Work/ %", [#"* LIST (\HasChildren) "/" Work/Projects"#, "b6 OK LIST completed."]),
                ("b7 LIST \"\" inbox", [#"* LIST (\HasNoChildren) "/" INBOX"#, "b7 OK LIST completed."]),
                (#"b8 LIST "" Work/*/20%"#, [#"* LIST (\HasNoChildren) "/" Work/Projects/2026"#, "b8 OK LIST completed."]),
                (#"b9 LIST "" (Sent Archive)"#, [
                    #"* LIST (\HasNoChildren) "/" Archive"#,
                    #"* LIST (\HasNoChildren \Sent) "/" Sent"#,
                    "b9 OK LIST completed.",
                ]),
                (#"c1 LIST (SPECIAL-USE) "" *"#, [#"* LIST (\HasNoChildren \Sent) "/" Sent"#, "c1 OK LIST completed."]),
                (#"c2 LIST "" nothing*"#, ["c2 OK LIST completed."]),
            ])
        }
    }

    @Test("SUBSCRIBE, UNSUBSCRIBE, LIST (SUBSCRIBED RECURSIVEMATCH), RETURN (SUBSCRIBED STATUS), LSUB")
    func subscriptions() async throws {
        try await IMAPTestServer.run { server in
            let client = try await server.loggedIn()
            try await expectTranscript(client, [
                ("a1 CREATE Work/Projects/2026", ["a1 OK CREATE completed."]),
                ("a2 SUBSCRIBE Work/Projects/2026", ["a2 OK SUBSCRIBE completed."]),
                ("a3 SUBSCRIBE INBOX", ["a3 OK SUBSCRIBE completed."]),
                ("a4 SUBSCRIBE Nope", ["a4 NO [NONEXISTENT] Mailbox does not exist."]),
                (#"a5 LIST (SUBSCRIBED) "" *"#, [
                    #"* LIST (\HasNoChildren \Subscribed) "/" INBOX"#,
                    #"* LIST (\HasNoChildren \Subscribed) "/" Work/Projects/2026"#,
                    "a5 OK LIST completed.",
                ]),
                (#"a6 LIST (SUBSCRIBED RECURSIVEMATCH) "" %"#, [
                    #"* LIST (\HasNoChildren \Subscribed) "/" INBOX"#,
                    #"* LIST (\HasChildren) "/" Work ("CHILDINFO" ("SUBSCRIBED"))"#,
                    "a6 OK LIST completed.",
                ]),
                (#"a7 LIST (RECURSIVEMATCH) "" %"#, ["a7 BAD RECURSIVEMATCH needs another selection option."]),
                (#"a8 LIST "" Work/* RETURN (SUBSCRIBED STATUS (MESSAGES UNSEEN))"#, [
                    #"* LIST (\HasChildren) "/" Work/Projects"#,
                    "* STATUS Work/Projects (MESSAGES 0 UNSEEN 0)",
                    #"* LIST (\HasNoChildren \Subscribed) "/" Work/Projects/2026"#,
                    "* STATUS Work/Projects/2026 (MESSAGES 0 UNSEEN 0)",
                    "a8 OK LIST completed.",
                ]),
                (#"a9 LIST "" % RETURN (CHILDREN)"#, [
                    #"* LIST (\HasNoChildren) "/" INBOX"#,
                    #"* LIST (\HasChildren) "/" Work"#,
                    "a9 OK LIST completed.",
                ]),
                (#"b1 LIST (BOGUS) "" %"#, ["b1 BAD Unknown LIST selection option BOGUS."]),
                (#"b2 LIST "" % RETURN (BOGUS)"#, ["b2 BAD Unknown LIST return option BOGUS."]),
                (#"b3 LSUB "" *"#, [#"* LSUB () "/" INBOX"#, #"* LSUB () "/" Work/Projects/2026"#, "b3 OK LSUB completed."]),
                (#"b4 LSUB "" %"#, [#"* LSUB () "/" INBOX"#, #"* LSUB (\Noselect) "/" Work"#, "b4 OK LSUB completed."]),
                ("b5 UNSUBSCRIBE Work/Projects/2026", ["b5 OK UNSUBSCRIBE completed."]),
                (#"b6 LSUB "" *"#, [#"* LSUB () "/" INBOX"#, "b6 OK LSUB completed."]),
                ("b7 UNSUBSCRIBE Nope", ["b7 NO [NONEXISTENT] Mailbox does not exist."]),
            ])
        }
    }

    @Test("RENAME and DELETE, with their refusals")
    func renameAndDelete() async throws {
        try await IMAPTestServer.run { server in
            let client = try await server.loggedIn()
            try await expectTranscript(client, [
                ("a1 CREATE Archive/2025", ["a1 OK CREATE completed."]),
                ("a2 CREATE Sent", ["a2 OK CREATE completed."]),
                ("a3 RENAME Archive Old/Archive", ["a3 OK RENAME completed."]),
                (#"a4 LIST "" *"#, [
                    #"* LIST (\HasNoChildren) "/" INBOX"#,
                    #"* LIST (\Noselect \HasChildren) "/" Old"#,
                    #"* LIST (\HasChildren) "/" Old/Archive"#,
                    #"* LIST (\HasNoChildren) "/" Old/Archive/2025"#,
                    #"* LIST (\HasNoChildren) "/" Sent"#,
                    "a4 OK LIST completed.",
                ]),
                (#"a5 LIST (SUBSCRIBED) "" Old"#, ["a5 OK LIST completed."]),
                (#"a6 LIST "" Old RETURN ()"#, [#"* LIST (\NonExistent \HasChildren) "/" Old"#, "a6 OK LIST completed."]),
                ("a7 RENAME Nope Other", ["a7 NO [NONEXISTENT] Mailbox does not exist."]),
                ("a8 RENAME Sent Old/Archive", ["a8 NO [ALREADYEXISTS] Mailbox already exists."]),
                ("b1 RENAME Sent inbox", ["b1 NO [ALREADYEXISTS] INBOX already exists."]),
                ("b2 RENAME Sent Sent/Below", ["b2 NO [CANNOT] A mailbox cannot be moved below itself."]),
                ("b3 DELETE Old/Archive", ["b3 OK DELETE completed."]),
                ("b4 DELETE Old/Archive", ["b4 NO [NONEXISTENT] Mailbox does not exist."]),
                ("b5 DELETE inbox", ["b5 NO [CANNOT] INBOX cannot be deleted."]),
                (#"b6 LIST "" Old/*"#, [
                    #"* LIST (\Noselect \HasChildren) "/" Old/Archive"#,
                    #"* LIST (\HasNoChildren) "/" Old/Archive/2025"#,
                    "b6 OK LIST completed.",
                ]),
            ])
        }
    }

    @Test("APPEND with flags, date, synchronizing and non-synchronizing literals; STATUS")
    func appendAndStatus() async throws {
        try await IMAPTestServer.run { server in
            let client = try await server.loggedIn()
            let message = "Subject: hi\r\n\r\nhello\r\n"
            #expect(try await client.command("a1 CREATE Archive") == ["a1 OK CREATE completed."])
            let status = try await client.command("a2 STATUS Archive (UIDVALIDITY)")
            let validity = try #require(status.first?.split(separator: " ").last?.dropLast())

            try await client.send(#"a3 APPEND Archive (\Seen $Important) "29-Nov-2026 06:00:00 +0100" {22}"#)
            #expect(try await client.readLine() == "+ Ready for literal data")
            try await client.sendRaw(Array((message + "\r\n").utf8))
            #expect(try await client.readLine() == "a3 OK [APPENDUID \(validity) 1] APPEND completed.")

            try await client.sendRaw(Array("a4 APPEND Archive {22+}\r\n\(message)\r\n".utf8))
            #expect(try await client.readLine() == "a4 OK [APPENDUID \(validity) 2] APPEND completed.")

            #expect(try await client.command("a5 STATUS Archive (MESSAGES UNSEEN DELETED SIZE RECENT UIDNEXT HIGHESTMODSEQ APPENDLIMIT)") == [
                "* STATUS Archive (MESSAGES 2 UNSEEN 1 DELETED 0 SIZE 44 RECENT 2 UIDNEXT 3 HIGHESTMODSEQ 3 APPENDLIMIT 67108864)",
                "a5 OK STATUS completed.",
            ])
            // RECENT counts what no session has selected yet; a SELECT takes them.
            _ = try await client.command("a8 EXAMINE Archive")
            #expect(try await client.command("a9 STATUS Archive (RECENT)") == ["* STATUS Archive (RECENT 2)", "a9 OK STATUS completed."])
            _ = try await client.command("b0 SELECT Archive")
            #expect(try await client.command("b9 STATUS Archive (RECENT)") == ["* STATUS Archive (RECENT 0)", "b9 OK STATUS completed."])
            _ = try await client.command("b0 UNSELECT")
            #expect(try await client.command("a6 STATUS Nope (MESSAGES)") == ["a6 NO [NONEXISTENT] Mailbox does not exist."])
            #expect(try await client.command("a7 STATUS Archive (MAILBOXID)") == ["a7 BAD Unsupported STATUS attribute MAILBOXID."])

            try await client.sendRaw(Array("b1 APPEND Nope {22+}\r\n\(message)\r\n".utf8))
            #expect(try await client.readLine() == "b1 NO [TRYCREATE] Mailbox does not exist.")
            try await client.sendRaw(Array("b2 APPEND Archive {0+}\r\n\r\n".utf8))
            #expect(try await client.readLine() == "b2 NO [CANNOT] An empty message cannot be saved.")
            try await client.sendRaw(Array("b3 APPEND Archive {1+}\r\nx {1+}\r\ny\r\n".utf8))
            // MULTIAPPEND: both messages, consecutive UIDs (RFC 3502).
            #expect(try await client.readLine() == "b3 OK [APPENDUID \(validity) 3:4] APPEND completed.")
            try await client.sendRaw(Array("b4 APPEND Archive (\\* ) {1+}\r\nx\r\n".utf8))
            #expect(try await client.readLine()?.hasPrefix("b4 BAD") == true)
            try await client.sendRaw(Array("b5 APPEND inbox {22+}\r\n\(message)\r\n".utf8))
            #expect(try await client.readLine()?.hasPrefix("b5 OK [APPENDUID ") == true)
            #expect(try await client.command("b6 STATUS INBOX (MESSAGES)") == ["* STATUS INBOX (MESSAGES 1)", "b6 OK STATUS completed."])

            // Renaming INBOX moves its messages to the new mailbox and leaves INBOX empty.
            #expect(try await client.command("c1 RENAME INBOX Old-Inbox") == ["c1 OK RENAME completed."])
            #expect(try await client.command("c2 STATUS INBOX (MESSAGES)") == ["* STATUS INBOX (MESSAGES 0)", "c2 OK STATUS completed."])
            #expect(try await client.command("c3 STATUS Old-Inbox (MESSAGES)")
                == ["* STATUS Old-Inbox (MESSAGES 1)", "c3 OK STATUS completed."])
            #expect(try await client.command("c4 RENAME INBOX INBOX/Older") == ["c4 OK RENAME completed."])
        }
    }

    @Test("ID, ENABLE with UTF-8 names, UNAUTHENTICATE, and commands of states not entered")
    func anyStateCommands() async throws {
        try await IMAPTestServer.run { server in
            let (fresh, _) = try await server.connect()
            try await expectTranscript(fresh, [
                (#"a1 ID ("name" "test client" "version" NIL)"#, [#"* ID ("name" "Columba")"#, "a1 OK ID completed."]),
                ("a2 ID NIL", [#"* ID ("name" "Columba")"#, "a2 OK ID completed."]),
                ("a3 ENABLE UTF8=ACCEPT", ["a3 BAD Log in first."]),
                (#"a4 LIST "" *"#, ["a4 BAD Log in first."]),
                ("a5 UNAUTHENTICATE", ["a5 BAD Log in first."]),
            ])
            let client = try await server.loggedIn()
            try await expectTranscript(client, [
                ("a1 CREATE \"Entw\u{FC}rfe\"", ["a1 OK CREATE completed."]),
                ("a2 ENABLE UTF8=ACCEPT X-UNKNOWN", ["* ENABLED UTF8=ACCEPT", "a2 OK ENABLE completed."]),
                ("a3 ENABLE UTF8=ACCEPT", ["* ENABLED", "a3 OK ENABLE completed."]),
                (#"a4 LIST "" Entw*"#, ["* LIST (\\HasNoChildren) \"/\" \"Entw\u{FC}rfe\"", "a4 OK LIST completed."]),
                // Under UTF8=ACCEPT "&" is itself, not the start of modified UTF-7.
                ("a5 CREATE &AMQ-", ["a5 OK CREATE completed."]),
                (#"a6 LIST "" &*"#, [#"* LIST (\HasNoChildren) "/" &AMQ-"#, "a6 OK LIST completed."]),
                ("a7 ENABLE IMAP4rev2", ["* ENABLED IMAP4rev2", "a7 OK ENABLE completed."]),
                ("a9 FETCH 1 FLAGS", ["a9 BAD No mailbox selected."]),
                ("b1 LOGIN alice@example.test wonderland", ["b1 BAD Already authenticated."]),
                ("b2 UNAUTHENTICATE", ["b2 OK Unauthenticated."]),
                (#"b3 LIST "" *"#, ["b3 BAD Log in first."]),
                ("b4 CAPABILITY", [
                    "* CAPABILITY IMAP4rev2 IMAP4rev1 ID ENABLE LITERAL- STARTTLS SASL-IR AUTH=PLAIN AUTH=LOGIN AUTH=SCRAM-SHA-256 AUTH=CRAM-MD5",
                    "b4 OK CAPABILITY completed.",
                ]),
                ("b5 LOGIN alice@example.test wonderland", ["b5 OK [CAPABILITY \(IMAPTestServer.authenticatedCapabilities)] Logged in."]),
                // ENABLE was forgotten: names are modified UTF-7 again.
                (#"b6 LIST "" Entw*"#, [#"* LIST (\HasNoChildren) "/" Entw&APw-rfe"#, "b6 OK LIST completed."]),
            ])
        }
    }

    @Test("QUOTA: one root with STORAGE and MESSAGE from the userdb, over-quota APPEND refused, SETQUOTA refused")
    func quota() async throws {
        try await IMAPTestServer.run { server in
            let (client, _) = try await server.connect()
            #expect(try await client.command("a0 LOGIN quota@example.test secret").last?.hasPrefix("a0 OK") == true)
            let message = "Subject: quota\r\n\r\nsmall\r\n"
            try await expectTranscript(client, [
                ("a1 GETQUOTAROOT INBOX", [#"* QUOTAROOT INBOX """#, #"* QUOTA "" (STORAGE 0 10 MESSAGE 0 2)"#, "a1 OK GETQUOTAROOT completed."]),
                ("a2 GETQUOTAROOT Nope", ["a2 NO [NONEXISTENT] Mailbox does not exist."]),
                (#"a3 GETQUOTA "other""#, ["a3 NO [NONEXISTENT] No such quota root."]),
                (#"a4 SETQUOTA "" (STORAGE 100)"#, ["a4 NO [NOPERM] Quotas are set by the administrator."]),
            ])
            for tag in ["b1", "b2"] {
                try await client.sendRaw(Array("\(tag) APPEND INBOX {\(message.utf8.count)+}\r\n\(message)\r\n".utf8))
                #expect(try await client.readLine()?.hasPrefix("\(tag) OK [APPENDUID ") == true)
            }
            // A third message is over the MESSAGE limit; usage is in KiB, rounded up.
            try await client.sendRaw(Array("b3 APPEND INBOX {\(message.utf8.count)+}\r\n\(message)\r\n".utf8))
            #expect(try await client.readLine()?.hasPrefix("b3 NO [OVERQUOTA] ") == true)
            try await expectTranscript(client, [
                (#"b4 GETQUOTA """#, [#"* QUOTA "" (STORAGE 1 10 MESSAGE 2 2)"#, "b4 OK GETQUOTA completed."]),
            ])
            let alice = try await server.loggedIn()
            try await expectTranscript(alice, [
                ("c1 GETQUOTAROOT INBOX", ["* QUOTAROOT INBOX", "c1 OK GETQUOTAROOT completed."]),
                (#"c2 GETQUOTA """#, ["c2 NO [NONEXISTENT] No such quota root."]),
            ])
        }
    }

    @Test("a user's sessions from one address are limited; a logout or UNAUTHENTICATE frees a place")
    func sessionsPerUserAndAddress() async throws {
        try await IMAPTestServer.run(settings: IMAPServerSettings(hostname: "mail.example.test", maximumConnectionsPerUserAddress: 2)) { server in
            let first = try await server.loggedIn()
            let second = try await server.loggedIn()
            let (third, _) = try await server.connect()
            #expect(try await third.command("a1 LOGIN alice@example.test wonderland")
                == ["a1 NO [LIMIT] Too many connections for this user from your address."])
            // Another user is not affected.
            #expect(try await third.command("a2 LOGIN quota@example.test secret").last?.hasPrefix("a2 OK") == true)
            #expect(try await first.command("b1 UNAUTHENTICATE") == ["b1 OK Unauthenticated."])
            let (fourth, _) = try await server.connect()
            #expect(try await fourth.command("c1 LOGIN alice@example.test wonderland").last?.hasPrefix("c1 OK") == true)
            _ = try await second.command("b2 LOGOUT")
            await second.close()
            // The place is free once the session has ended on the server's side.
            var reply: [String] = []
            for attempt in 1...200 {
                let (fifth, _) = try await server.connect()
                reply = try await fifth.command("d\(attempt) LOGIN alice@example.test wonderland")
                if reply.last?.contains(" OK ") == true { break }
                await fifth.close()
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(reply.last?.contains(" OK [CAPABILITY") == true, "\(reply)")
        }
    }

    @Test("two sessions of one user share the store")
    func sharedStore() async throws {
        try await IMAPTestServer.run { server in
            let first = try await server.loggedIn()
            let second = try await server.loggedIn()
            #expect(try await first.command("a1 CREATE Shared") == ["a1 OK CREATE completed."])
            #expect(try await second.command(#"b1 LIST "" Shared"#) == [#"* LIST (\HasNoChildren) "/" Shared"#, "b1 OK LIST completed."])
        }
    }
}
