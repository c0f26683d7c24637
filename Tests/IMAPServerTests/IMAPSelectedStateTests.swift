import MailStore
import MailTesting
import Testing

@testable import IMAPServer

/// Transcripts of the selected state: exact lines in, exact lines out. Values the server picks
/// (UIDVALIDITY, modseqs) are read first with STATUS and put into the expected lines.
@Suite("IMAP selected state")
struct IMAPSelectedStateTests {
    static let one = "From: alice@example.test\r\nSubject: one\r\n\r\nbody one\r\n"
    static let two = "From: Bob <bob@example.test>\r\nTo: alice@example.test\r\nSubject: two\r\n\r\nbody two\r\n"
    static let three = "Subject: three\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\naMOkbGxv\r\n"

    private func expectTranscript(_ client: LineClient, _ steps: [(String, [String])], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for (command, expected) in steps {
            let reply = try await client.command(command)
            #expect(reply == expected, "after \(command)", sourceLocation: sourceLocation)
        }
    }

    /// Appends `message` with a non-synchronizing literal and returns the tagged reply.
    private func append(_ client: LineClient, tag: String, to mailbox: String = "INBOX", flags: String = "", date: String? = nil, _ message: String) async throws -> String? {
        let dateText = date.map { " \"\($0)\"" } ?? ""
        try await client.sendRaw(Array("\(tag) APPEND \(mailbox) (\(flags))\(dateText) {\(message.utf8.count)+}\r\n\(message)\r\n".utf8))
        return try await client.readLine()
    }

    /// The value of one STATUS item.
    private func status(_ client: LineClient, _ mailbox: String, _ item: String) async throws -> String {
        let reply = try await client.command("s STATUS \(mailbox) (\(item))")
        let line = try #require(reply.first)
        return String(try #require(line.split(separator: " ").last?.dropLast()))
    }

    /// A client logged in with three messages in INBOX: \Seen, none, $Forwarded.
    private func filled(_ server: IMAPTestServer) async throws -> LineClient {
        let client = try await server.loggedIn()
        #expect(try await append(client, tag: "p1", flags: "\\Seen", date: "29-Nov-2026 10:00:00 +0100", Self.one)?.hasPrefix("p1 OK") == true)
        #expect(try await append(client, tag: "p2", date: "30-Nov-2026 08:30:00 +0000", Self.two)?.hasPrefix("p2 OK") == true)
        #expect(try await append(client, tag: "p3", flags: "$Forwarded", date: "01-Dec-2026 23:59:59 -0800", Self.three)?.hasPrefix("p3 OK") == true)
        return client
    }

    @Test("SELECT and EXAMINE responses, FETCH of every kind, implicit \\Seen, CLOSE and UNSELECT", arguments: MailStorageFormat.allCases)
    func selectAndFetch(format: MailStorageFormat) async throws {
        try await IMAPTestServer.run(format: format) { server in
            let client = try await filled(server)
            let validity = try await status(client, "INBOX", "UIDVALIDITY")
            let modseq = try await status(client, "INBOX", "HIGHESTMODSEQ")
            let (size1, size2, size3) = (Self.one.utf8.count, Self.two.utf8.count, Self.three.utf8.count)
            try await expectTranscript(client, [
                ("a1 EXAMINE INBOX", [
                    #"* FLAGS (\Answered \Flagged \Deleted \Seen \Draft $Forwarded)"#,
                    "* OK [PERMANENTFLAGS ()] No permanent flags permitted.",
                    "* 3 EXISTS",
                    "* 3 RECENT",
                    "* OK [UNSEEN 2] First unseen.",
                    "* OK [UIDVALIDITY \(validity)] UIDs valid.",
                    "* OK [UIDNEXT 4] Predicted next UID.",
                    "* OK [HIGHESTMODSEQ \(modseq)] Highest modseq.",
                    "a1 OK [READ-ONLY] EXAMINE completed.",
                ]),
                // Read-only: BODY[] does not set \Seen, STORE is refused.
                ("a2 FETCH 2 (FLAGS BODY[TEXT])", [#"* 2 FETCH (FLAGS (\Recent) BODY[TEXT] {10}"#, "body two", ")", "a2 OK FETCH completed."]),
                (#"a3 STORE 2 +FLAGS (\Flagged)"#, ["a3 NO [READ-ONLY] The mailbox is read-only."]),
                // SELECT takes \Recent: EXAMINE did not claim it, so this session still sees it.
                ("a4 SELECT INBOX", [
                    #"* FLAGS (\Answered \Flagged \Deleted \Seen \Draft $Forwarded)"#,
                    #"* OK [PERMANENTFLAGS (\Answered \Flagged \Deleted \Seen \Draft $Forwarded \*)] Flags permitted."#,
                    "* 3 EXISTS",
                    "* 3 RECENT",
                    "* OK [UNSEEN 2] First unseen.",
                    "* OK [UIDVALIDITY \(validity)] UIDs valid.",
                    "* OK [UIDNEXT 4] Predicted next UID.",
                    "* OK [HIGHESTMODSEQ \(modseq)] Highest modseq.",
                    "a4 OK [READ-WRITE] SELECT completed.",
                ]),
                ("a5 FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE)", [
                    #"* 1 FETCH (UID 1 FLAGS (\Seen \Recent) INTERNALDATE "29-Nov-2026 09:00:00 +0000" RFC822.SIZE \#(size1))"#,
                    #"* 2 FETCH (UID 2 FLAGS (\Recent) INTERNALDATE "30-Nov-2026 08:30:00 +0000" RFC822.SIZE \#(size2))"#,
                    #"* 3 FETCH (UID 3 FLAGS ($Forwarded \Recent) INTERNALDATE "02-Dec-2026 07:59:59 +0000" RFC822.SIZE \#(size3))"#,
                    "a5 OK FETCH completed.",
                ]),
                ("a6 FETCH 2 ENVELOPE", [
                    #"* 2 FETCH (ENVELOPE (NIL "two" (("Bob" NIL "bob" "example.test")) (("Bob" NIL "bob" "example.test")) (("Bob" NIL "bob" "example.test")) ((NIL NIL "alice" "example.test")) NIL NIL NIL NIL))"#,
                    "a6 OK FETCH completed.",
                ]),
                ("a7 UID FETCH 3 (BODY BINARY.SIZE[1])", [
                    #"* 3 FETCH (UID 3 BODY ("text" "plain" ("charset" "utf-8") NIL NIL "base64" 10 1) BINARY.SIZE[1] 6)"#,
                    "a7 OK UID FETCH completed.",
                ]),
                // BINARY decodes the base64; PEEK leaves \Seen alone.
                ("a8 FETCH 3 BINARY.PEEK[1]", ["* 3 FETCH (BINARY[1] {6}", "h\u{E4}llo)", "a8 OK FETCH completed."]),
                ("a9 FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODY.PEEK[]<0.4>)", [
                    "* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {16}", "Subject: one", "", " BODY[]<0> {4}", "From)",
                    "a9 OK FETCH completed.",
                ]),
                // BODY[TEXT] sets \Seen, and the new flags come with the data.
                ("b1 FETCH 2 BODY[TEXT]", [#"* 2 FETCH (BODY[TEXT] {10}"#, "body two", #" FLAGS (\Seen \Recent))"#, "b1 OK FETCH completed."]),
                ("b2 FETCH 2 BODY[TEXT]", [#"* 2 FETCH (BODY[TEXT] {10}"#, "body two", ")", "b2 OK FETCH completed."]),
                ("b3 FETCH 4 FLAGS", ["b3 BAD Invalid message sequence number."]),
                ("b4 UID FETCH 4:9 FLAGS", ["b4 OK UID FETCH completed."]),
                ("b5 FETCH 1 PREVIEW", ["b5 BAD PREVIEW is not supported."]),
                ("b6 UNSELECT", ["b6 OK UNSELECT completed."]),
                ("b7 FETCH 1 FLAGS", ["b7 BAD No mailbox selected."]),
            ])
            let seenModseq = try await status(client, "INBOX", "HIGHESTMODSEQ")
            try await expectTranscript(client, [
                // \Recent was claimed by the first SELECT; the second sees none.
                ("b8 SELECT INBOX", [
                    #"* FLAGS (\Answered \Flagged \Deleted \Seen \Draft $Forwarded)"#,
                    #"* OK [PERMANENTFLAGS (\Answered \Flagged \Deleted \Seen \Draft $Forwarded \*)] Flags permitted."#,
                    "* 3 EXISTS",
                    "* 0 RECENT",
                    "* OK [UNSEEN 3] First unseen.",
                    "* OK [UIDVALIDITY \(validity)] UIDs valid.",
                    "* OK [UIDNEXT 4] Predicted next UID.",
                    "* OK [HIGHESTMODSEQ \(seenModseq)] Highest modseq.",
                    "b8 OK [READ-WRITE] SELECT completed.",
                ]),
                ("b9 SELECT Nope", ["b9 NO [NONEXISTENT] Mailbox does not exist."]),
                // The failed SELECT left no mailbox selected.
                ("c1 FETCH 1 FLAGS", ["c1 BAD No mailbox selected."]),
            ])
        }
    }

    @Test("STORE, SEARCH with ESEARCH and SAVE, COPY and MOVE with COPYUID, EXPUNGE, CLOSE", arguments: MailStorageFormat.allCases)
    func storeSearchCopy(format: MailStorageFormat) async throws {
        try await IMAPTestServer.run(format: format) { server in
            let client = try await filled(server)
            _ = try await client.command("a0 SELECT INBOX")
            try await expectTranscript(client, [
                (#"a1 STORE 1:2 +FLAGS (\Flagged)"#, [
                    #"* 1 FETCH (FLAGS (\Flagged \Seen \Recent))"#, #"* 2 FETCH (FLAGS (\Flagged \Recent))"#, "a1 OK STORE completed.",
                ]),
                (#"a2 UID STORE 2 -FLAGS.SILENT (\Flagged)"#, ["a2 OK UID STORE completed."]),
                (#"a3 STORE 3 FLAGS (\Deleted Junk)"#, [
                    #"* FLAGS (\Answered \Flagged \Deleted \Seen \Draft $Forwarded Junk)"#,
                    #"* OK [PERMANENTFLAGS (\Answered \Flagged \Deleted \Seen \Draft $Forwarded Junk \*)] Flags permitted."#,
                    #"* 3 FETCH (FLAGS (\Deleted Junk \Recent))"#, "a3 OK STORE completed.",
                ]),
                (#"a4 STORE 1 +FLAGS (\Important)"#, ["a4 BAD Invalid flag in STORE."]),
                ("a5 SEARCH UNSEEN", ["* SEARCH 2 3", "a5 OK SEARCH completed."]),
                ("a6 SEARCH FROM bob NOT DELETED", ["* SEARCH 2", "a6 OK SEARCH completed."]),
                ("a7 UID SEARCH RETURN (MIN MAX COUNT ALL) ALL", [#"* ESEARCH (TAG "a7") UID MIN 1 MAX 3 COUNT 3 ALL 1:3"#, "a7 OK UID SEARCH completed."]),
                ("a8 SEARCH RETURN () KEYWORD nothing", [#"* ESEARCH (TAG "a8")"#, "a8 OK SEARCH completed."]),
                ("a9 SEARCH RETURN (SAVE) FLAGGED", ["a9 OK SEARCH completed."]),
                ("b1 FETCH $ UID", ["* 1 FETCH (UID 1)", "b1 OK FETCH completed."]),
                ("b2 SEARCH CHARSET KOI8-R ALL", ["b2 NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset."]),
                ("b3 SEARCH RETURN (FOO) ALL", ["b3 BAD Unknown SEARCH return option FOO."]),
                ("b4 UID COPY 1:2 Archive", ["b4 NO [TRYCREATE] Mailbox does not exist."]),
                ("b5 CREATE Archive", ["b5 OK CREATE completed."]),
            ])
            let archive = try await status(client, "Archive", "UIDVALIDITY")
            try await expectTranscript(client, [
                ("c1 UID COPY 1:2 Archive", ["c1 OK [COPYUID \(archive) 1:2 1:2] UID COPY completed."]),
                ("c2 MOVE 1 Archive", ["* OK [COPYUID \(archive) 1 3] Moved UIDs.", "* 1 EXPUNGE", "c2 OK MOVE completed."]),
                ("c3 FETCH 1:* UID", ["* 1 FETCH (UID 2)", "* 2 FETCH (UID 3)", "c3 OK FETCH completed."]),
                ("c4 UID EXPUNGE 2", ["c4 OK UID EXPUNGE completed."]),
                ("c5 EXPUNGE", ["* 2 EXPUNGE", "c5 OK EXPUNGE completed."]),
                (#"c6 STORE 1 +FLAGS.SILENT (\Deleted)"#, ["c6 OK STORE completed."]),
                ("c7 CLOSE", ["c7 OK CLOSE completed."]),
                ("c8 STATUS INBOX (MESSAGES)", ["* STATUS INBOX (MESSAGES 0)", "c8 OK STATUS completed."]),
                ("c9 STATUS Archive (MESSAGES)", ["* STATUS Archive (MESSAGES 3)", "c9 OK STATUS completed."]),
            ])
        }
    }

    @Test("another session's append, flag change and expunge reach an idling session; EXPUNGE waits after FETCH", arguments: MailStorageFormat.allCases)
    func updatesAndIdle(format: MailStorageFormat) async throws {
        try await IMAPTestServer.run(format: format) { server in
            let first = try await server.loggedIn()
            let second = try await server.loggedIn()
            _ = try await first.command("a1 SELECT INBOX")
            _ = try await second.command("b1 SELECT INBOX")
            // The appending session sees the message first and takes \Recent.
            let appended = try await append(second, tag: "b2", Self.one)
            #expect(appended?.hasPrefix("* 1 EXISTS") == true)
            #expect(try await second.readLine() == "* 1 RECENT")
            #expect(try await second.readLine()?.hasPrefix("b2 OK [APPENDUID ") == true)
            try await expectTranscript(first, [("a2 NOOP", ["* 1 EXISTS", "* 0 RECENT", "a2 OK NOOP completed."])])

            try await first.send("a3 IDLE")
            #expect(try await first.readLine() == "+ idling")
            try await expectTranscript(second, [(#"b3 STORE 1 +FLAGS.SILENT (\Flagged)"#, ["b3 OK STORE completed."])])
            #expect(try await first.readLine() == #"* 1 FETCH (UID 1 FLAGS (\Flagged))"#)
            // Whichever session looks first owns the new message's \Recent; exactly one does.
            #expect(try await append(second, tag: "b4", Self.two) == "* 2 EXISTS")
            let secondRecent = try await second.readLine()
            #expect(try await second.readLine()?.hasPrefix("b4 OK [APPENDUID ") == true)
            #expect(try await first.readLine() == "* 2 EXISTS")
            let firstRecent = try await first.readLine()
            #expect([firstRecent, secondRecent] == ["* 0 RECENT", "* 2 RECENT"] || [firstRecent, secondRecent] == ["* 1 RECENT", "* 1 RECENT"])
            try await first.send("DONE")
            #expect(try await first.readLine() == "a3 OK IDLE terminated.")

            // Expunged elsewhere: a FETCH by number does not announce it; the next NOOP does.
            try await expectTranscript(second, [
                (#"b5 STORE 1 +FLAGS.SILENT (\Deleted)"#, ["b5 OK STORE completed."]),
                ("b6 EXPUNGE", ["* 1 EXPUNGE", "b6 OK EXPUNGE completed."]),
            ])
            try await expectTranscript(first, [
                ("a4 FETCH 1:2 UID", [
                    "* 2 FETCH (UID 2)",
                    "a4 NO [EXPUNGEISSUED] Some of the requested messages no longer exist.",
                ]),
                ("a5 NOOP", ["* 1 EXPUNGE", "a5 OK NOOP completed."]),
                ("a6 FETCH 1 UID", ["* 1 FETCH (UID 2)", "a6 OK FETCH completed."]),
            ])

            // IDLE ends with the mailbox's deletion by another session: BYE.
            try await expectTranscript(second, [("b7 CREATE Doomed", ["b7 OK CREATE completed."])])
            _ = try await first.command("a7 SELECT Doomed")
            try await first.send("a8 IDLE")
            #expect(try await first.readLine() == "+ idling")
            try await expectTranscript(second, [("b8 DELETE Doomed", ["b8 OK DELETE completed."])])
            #expect(try await first.readLine() == "* BYE Selected mailbox was deleted.")
            #expect(try await first.readLine() == nil)
        }
    }

    @Test("CONDSTORE and QRESYNC: MODSEQ, UNCHANGEDSINCE, CHANGEDSINCE, VANISHED, SELECT (QRESYNC ...)", arguments: MailStorageFormat.allCases)
    func condstoreAndQresync(format: MailStorageFormat) async throws {
        try await IMAPTestServer.run(format: format) { server in
            let client = try await filled(server)
            let validity = try await status(client, "INBOX", "UIDVALIDITY")
            let start = try #require(UInt64(try await status(client, "INBOX", "HIGHESTMODSEQ")))
            try await expectTranscript(client, [
                ("a1 ENABLE QRESYNC", ["* ENABLED QRESYNC", "a1 OK ENABLE completed."]),
            ])
            _ = try await client.command("a2 SELECT INBOX")
            try await expectTranscript(client, [
                (#"a3 STORE 1 +FLAGS (\Flagged)"#, [#"* 1 FETCH (FLAGS (\Flagged \Seen \Recent) MODSEQ (\#(start + 1)))"#, "a3 OK STORE completed."]),
                (#"a4 STORE 1,2 (UNCHANGEDSINCE \#(start)) +FLAGS (\Answered)"#, [
                    #"* 2 FETCH (FLAGS (\Answered \Recent) MODSEQ (\#(start + 2)))"#,
                    "a4 OK [MODIFIED 1] Conditional STORE failed for some messages.",
                ]),
                ("a5 FETCH 1:* (FLAGS) (CHANGEDSINCE \(start + 1))", [
                    #"* 2 FETCH (FLAGS (\Answered \Recent) MODSEQ (\#(start + 2)))"#, "a5 OK FETCH completed.",
                ]),
                (#"a6 UID STORE 3 +FLAGS.SILENT (\Deleted)"#, ["a6 OK UID STORE completed."]),
                ("a7 EXPUNGE", ["* VANISHED 3", "a7 OK EXPUNGE completed."]),
                ("a8 UID FETCH 1:* (FLAGS) (CHANGEDSINCE \(start) VANISHED)", [
                    "* VANISHED (EARLIER) 3",
                    #"* 1 FETCH (UID 1 FLAGS (\Flagged \Seen \Recent) MODSEQ (\#(start + 1)))"#,
                    #"* 2 FETCH (UID 2 FLAGS (\Answered \Recent) MODSEQ (\#(start + 2)))"#,
                    "a8 OK UID FETCH completed.",
                ]),
                ("a9 SEARCH MODSEQ \(start + 1)", ["* SEARCH 1 2 (MODSEQ \(start + 2))", "a9 OK SEARCH completed."]),
                ("b1 FETCH 1:* (FLAGS) (VANISHED)", ["b1 BAD VANISHED needs UID FETCH with CHANGEDSINCE and QRESYNC enabled."]),
            ])
            // A client coming back with the state it had: what vanished, and what changed.
            let now = try await status(client, "INBOX", "HIGHESTMODSEQ")
            let otherValidity = try #require(UInt32(validity)) &+ 1
            try await expectTranscript(client, [
                ("c1 SELECT INBOX (QRESYNC (\(validity) \(start) 1:3))", [
                    "* OK [CLOSED] Previous mailbox closed.",
                    #"* FLAGS (\Answered \Flagged \Deleted \Seen \Draft)"#,
                    #"* OK [PERMANENTFLAGS (\Answered \Flagged \Deleted \Seen \Draft \*)] Flags permitted."#,
                    "* 2 EXISTS",
                    "* 0 RECENT",
                    "* OK [UNSEEN 2] First unseen.",
                    "* OK [UIDVALIDITY \(validity)] UIDs valid.",
                    "* OK [UIDNEXT 4] Predicted next UID.",
                    "* OK [HIGHESTMODSEQ \(now)] Highest modseq.",
                    "* VANISHED (EARLIER) 3",
                    #"* 1 FETCH (UID 1 FLAGS (\Flagged \Seen) MODSEQ (\#(start + 1)))"#,
                    #"* 2 FETCH (UID 2 FLAGS (\Answered) MODSEQ (\#(start + 2)))"#,
                    "c1 OK [READ-WRITE] SELECT completed.",
                ]),
                ("c2 SELECT INBOX (QRESYNC (\(otherValidity) \(start)))", [
                    "* OK [CLOSED] Previous mailbox closed.",
                    #"* FLAGS (\Answered \Flagged \Deleted \Seen \Draft)"#,
                    #"* OK [PERMANENTFLAGS (\Answered \Flagged \Deleted \Seen \Draft \*)] Flags permitted."#,
                    "* 2 EXISTS",
                    "* 0 RECENT",
                    "* OK [UNSEEN 2] First unseen.",
                    "* OK [UIDVALIDITY \(validity)] UIDs valid.",
                    "* OK [UIDNEXT 4] Predicted next UID.",
                    "* OK [HIGHESTMODSEQ \(now)] Highest modseq.",
                    "c2 OK [READ-WRITE] SELECT completed.",
                ]),
            ])
        }
    }

    @Test("IMAP4rev2 sessions: no RECENT or UNSEEN, a LIST line on SELECT, no \\Recent flag, ESEARCH for SEARCH")
    func rev2Select() async throws {
        try await IMAPTestServer.run { server in
            let client = try await filled(server)
            let validity = try await status(client, "INBOX", "UIDVALIDITY")
            let modseq = try await status(client, "INBOX", "HIGHESTMODSEQ")
            try await expectTranscript(client, [
                ("a1 ENABLE IMAP4rev2", ["* ENABLED IMAP4rev2", "a1 OK ENABLE completed."]),
                ("a2 SELECT inbox", [
                    #"* FLAGS (\Answered \Flagged \Deleted \Seen \Draft $Forwarded)"#,
                    #"* OK [PERMANENTFLAGS (\Answered \Flagged \Deleted \Seen \Draft $Forwarded \*)] Flags permitted."#,
                    "* 3 EXISTS",
                    "* OK [UIDVALIDITY \(validity)] UIDs valid.",
                    "* OK [UIDNEXT 4] Predicted next UID.",
                    "* OK [HIGHESTMODSEQ \(modseq)] Highest modseq.",
                    #"* LIST (\HasNoChildren) "/" INBOX"#,
                    "a2 OK [READ-WRITE] SELECT completed.",
                ]),
                ("a3 FETCH 3 FLAGS", ["* 3 FETCH (FLAGS ($Forwarded))", "a3 OK FETCH completed."]),
                // No SEARCH response in IMAP4rev2: ESEARCH, as for RETURN (ALL).
                ("a5 SEARCH UNSEEN", [#"* ESEARCH (TAG "a5") ALL 2:3"#, "a5 OK SEARCH completed."]),
                ("a6 UID SEARCH KEYWORD nothing", [#"* ESEARCH (TAG "a6") UID"#, "a6 OK UID SEARCH completed."]),
                ("a4 SELECT INBOX", [
                    "* OK [CLOSED] Previous mailbox closed.",
                    #"* FLAGS (\Answered \Flagged \Deleted \Seen \Draft $Forwarded)"#,
                    #"* OK [PERMANENTFLAGS (\Answered \Flagged \Deleted \Seen \Draft $Forwarded \*)] Flags permitted."#,
                    "* 3 EXISTS",
                    "* OK [UIDVALIDITY \(validity)] UIDs valid.",
                    "* OK [UIDNEXT 4] Predicted next UID.",
                    "* OK [HIGHESTMODSEQ \(modseq)] Highest modseq.",
                    #"* LIST (\HasNoChildren) "/" INBOX"#,
                    "a4 OK [READ-WRITE] SELECT completed.",
                ]),
            ])
        }
    }

    @Test("CHECK, ENABLE CONDSTORE while selected, SAVEDATE, EMAILID, THREADID, WITHIN, binary APPEND and BINARY with NUL, an empty mailbox")
    func smallerExtensions() async throws {
        try await IMAPTestServer.run { server in
            let client = try await server.loggedIn()
            _ = try await client.command("a0 CREATE Empty")
            try await expectTranscript(client, [
                ("a1 SELECT Empty", [
                    #"* FLAGS (\Answered \Flagged \Deleted \Seen \Draft)"#,
                    #"* OK [PERMANENTFLAGS (\Answered \Flagged \Deleted \Seen \Draft \*)] Flags permitted."#,
                    "* 0 EXISTS", "* 0 RECENT",
                    "* OK [UIDVALIDITY \(try await status(client, "Empty", "UIDVALIDITY"))] UIDs valid.",
                    "* OK [UIDNEXT 1] Predicted next UID.",
                    "* OK [HIGHESTMODSEQ \(try await status(client, "Empty", "HIGHESTMODSEQ"))] Highest modseq.",
                    "a1 OK [READ-WRITE] SELECT completed.",
                ]),
                // An empty mailbox has no message 1; UIDs may name none.
                ("a2 FETCH 1:* FLAGS", ["a2 BAD Invalid message sequence number."]),
                ("a3 UID FETCH 1:* FLAGS", ["a3 OK UID FETCH completed."]),
                ("a4 SEARCH ALL", ["* SEARCH", "a4 OK SEARCH completed."]),
                ("a5 CHECK", ["a5 OK CHECK completed."]),
            ])
            // A binary literal (RFC 3516) with a NUL octet in the body.
            let message: [UInt8] = Array("Subject: binary\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n".utf8) + [0x41, 0x00, 0x42]
            try await client.sendRaw(Array("b1 APPEND Empty ~{\(message.count)+}\r\n".utf8) + message + Array("\r\n".utf8))
            #expect(try await client.readLine() == "* 1 EXISTS")
            #expect(try await client.readLine() == "* 1 RECENT")
            #expect(try await client.readLine()?.hasPrefix("b1 OK [APPENDUID ") == true)
            let modseq = try await status(client, "Empty", "HIGHESTMODSEQ")
            let saved = try await client.command("b2 FETCH 1 (SAVEDATE EMAILID THREADID)")
            #expect(saved.count == 2 && saved[0].hasPrefix(#"* 1 FETCH (SAVEDATE ""#) && saved[0].contains(" EMAILID (") && saved[0].hasSuffix(" THREADID NIL)"), "\(saved)")
            try await expectTranscript(client, [
                // BINARY of a part with a NUL octet comes as a literal8 (RFC 3516 §4.2).
                ("b3 FETCH 1 BINARY.PEEK[1]", ["* 1 FETCH (BINARY[1] ~{3}", "A\u{0}B)", "b3 OK FETCH completed."]),
                ("b4 ENABLE CONDSTORE", ["* OK [HIGHESTMODSEQ \(modseq)] Highest modseq.", "* ENABLED CONDSTORE", "b4 OK ENABLE completed."]),
                ("b5 FETCH 1 FLAGS", ["* 1 FETCH (FLAGS (\\Recent) MODSEQ (\(modseq)))", "b5 OK FETCH completed."]),
                ("b6 SEARCH YOUNGER 3600", ["* SEARCH 1", "b6 OK SEARCH completed."]),
                ("b7 SEARCH OLDER 3600", ["* SEARCH", "b7 OK SEARCH completed."]),
                ("b8 SEARCH SAVEDBEFORE 1-Jan-2000", ["* SEARCH", "b8 OK SEARCH completed."]),
                ("b9 SEARCH SAVEDATESUPPORTED", ["* SEARCH 1", "b9 OK SEARCH completed."]),
            ])
        }
    }
}
