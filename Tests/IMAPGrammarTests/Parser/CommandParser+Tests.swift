import NIOCore
import Testing

@testable import IMAPGrammar

struct CommandFixture: CustomTestStringConvertible, Sendable {
    let wire: [UInt8]
    let expected: Command
    let options: ParserOptions
    var testDescription: String { printable(wire) }
}

private func fx(_ wire: String, _ expected: Command, utf8Accept: Bool = false) -> CommandFixture {
    CommandFixture(wire: Array(wire: wire), expected: expected, options: ParserOptions(utf8Accept: utf8Accept))
}

private func bytes(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
private func date(_ y: Int, _ m: Int, _ d: Int) -> IMAPDate { IMAPDate(year: y, month: m, day: d)! }
private func set(_ ranges: ClosedRange<UInt32>...) -> SequenceSet { .ranges(ranges.map(SequenceRange.init)) }

private let anyStateCommands: [CommandFixture] = [
    fx("a CAPABILITY\r\n", .capability),
    fx("a capability\r\n", .capability),
    fx("a NOOP\r\n", .noop),
    fx("a LOGOUT\r\n", .logout),
    fx("a ID (\"name\" \"Thunderbird\" \"version\" NIL)\r\n", .id([IDField("name", "Thunderbird"), IDField("version", nil)])),
    fx("a ID NIL\r\n", .id(nil)),
    fx("a ID ()\r\n", .id([])),
    fx("a NOOP\n", .noop),
]

private let notAuthenticatedCommands: [CommandFixture] = [
    fx("a STARTTLS\r\n", .startTLS),
    fx("a AUTHENTICATE PLAIN\r\n", .authenticate(mechanism: "PLAIN", initialResponse: nil)),
    fx("a AUTHENTICATE plain AGFsaWNlAHNlY3JldA==\r\n", .authenticate(mechanism: "PLAIN", initialResponse: Array("\0alice\0secret".utf8))),
    fx("a AUTHENTICATE PLAIN =\r\n", .authenticate(mechanism: "PLAIN", initialResponse: [])),
    fx("a AUTHENTICATE SCRAM-SHA-256 biwsbj11c2VyLHI9ZnlrbytkMmxiYkZnT05Sdjlxa3hkYXdM\r\n",
       .authenticate(mechanism: "SCRAM-SHA-256", initialResponse: Array("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL".utf8))),
    fx("a LOGIN alice secret\r\n", .login(username: "alice", password: "secret")),
    fx("a LOGIN \"al ice\" \"p\\\"w\\\\d\"\r\n", .login(username: "al ice", password: "p\"w\\d")),
    fx("a LOGIN {5}\r\nalice {6+}\r\nsecret\r\n", .login(username: "alice", password: "secret")),
    fx("a LOGIN \"\" \"\"\r\n", .login(username: "", password: "")),
    fx("a LOGIN user] pass]\r\n", .login(username: "user]", password: "pass]")),
    fx("a LOGIN \"jörg\" \"pässword\"\r\n", .login(username: "jörg", password: "pässword")),
]

private let authenticatedCommands: [CommandFixture] = [
    fx("a ENABLE CONDSTORE utf8=accept\r\n", .enable(["CONDSTORE", "UTF8=ACCEPT"])),
    fx("a SELECT INBOX\r\n", .select(.inbox, [])),
    fx("a SELECT inbox\r\n", .select(.inbox, [])),
    fx("a SELECT \"Sent Items\" (CONDSTORE)\r\n", .select("Sent Items", [.condstore])),
    fx("a EXAMINE Archive\r\n", .examine("Archive", [])),
    fx("a SELECT INBOX (QRESYNC (67890007 20050715194045000))\r\n",
       .select(.inbox, [.qresync(QResyncParameter(uidValidity: 67890007, modSeq: 20050715194045000))])),
    fx("a EXAMINE INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))\r\n",
       .examine(.inbox, [.qresync(QResyncParameter(uidValidity: 67890007, modSeq: 20050715194045000, knownUIDs: set(41...41, 43...211, 214...541)))])),
    fx("a SELECT INBOX (QRESYNC (67890007 90060115194045000 41:211,214:541 (1:20 41:60)) CONDSTORE)\r\n",
       .select(.inbox, [.qresync(QResyncParameter(
           uidValidity: 67890007, modSeq: 90060115194045000, knownUIDs: set(41...211, 214...541),
           sequenceMatch: .init(sequenceNumbers: set(1...20), uids: set(41...60)))), .condstore])),
    fx("a SELECT INBOX (QRESYNC (1 2 (1:2 3:4)))\r\n",
       .select(.inbox, [.qresync(QResyncParameter(uidValidity: 1, modSeq: 2, sequenceMatch: .init(sequenceNumbers: set(1...2), uids: set(3...4))))])),
    fx("a CREATE foo/bar\r\n", .create("foo/bar", specialUse: [])),
    fx("a CREATE Drafts (USE (\\Drafts))\r\n", .create("Drafts", specialUse: ["\\Drafts"])),
    fx("a CREATE Everything (USE (\\All \\Archive))\r\n", .create("Everything", specialUse: ["\\All", "\\Archive"])),
    fx("a DELETE foo\r\n", .delete("foo")),
    fx("a RENAME foo \"new name\"\r\n", .rename(from: "foo", to: "new name")),
    fx("a SUBSCRIBE foo\r\n", .subscribe("foo")),
    fx("a UNSUBSCRIBE {3}\r\nfoo\r\n", .unsubscribe("foo")),
    fx("a LIST \"\" *\r\n", .list(ListCommand(reference: "", patterns: ["*"]))),
    fx("a LIST \"\" %/%\r\n", .list(ListCommand(reference: "", patterns: ["%/%"]))),
    fx("a LIST (SPECIAL-USE) \"\" *\r\n", .list(ListCommand(selectOptions: [.specialUse], reference: "", patterns: ["*"]))),
    fx("a LIST (SUBSCRIBED RECURSIVEMATCH REMOTE) \"\" (INBOX* \"Other Users/%\") RETURN (CHILDREN SUBSCRIBED STATUS (MESSAGES UNSEEN) SPECIAL-USE)\r\n",
       .list(ListCommand(
           selectOptions: [.subscribed, .recursiveMatch, .remote], reference: "", patterns: ["INBOX*", "Other Users/%"],
           returnOptions: [.children, .subscribed, .status([.messages, .unseen]), .specialUse]))),
    fx("a LIST () foo/ bar RETURN ()\r\n", .list(ListCommand(reference: "foo/", patterns: ["bar"], returnOptions: []))),
    fx("a LSUB \"\" %\r\n", .lsub(reference: "", pattern: "%")),
    fx("a NAMESPACE\r\n", .namespace),
    fx("a STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN RECENT)\r\n", .status(.inbox, [.messages, .uidNext, .uidValidity, .unseen, .recent])),
    fx("a STATUS Sent (HIGHESTMODSEQ SIZE DELETED APPENDLIMIT MAILBOXID)\r\n", .status("Sent", [.highestModSeq, .size, .deleted, .appendLimit, .mailboxID])),
    fx("a APPEND INBOX {5}\r\nhello\r\n", .append(.inbox, [AppendMessage(data: bytes("hello"))])),
    fx("a APPEND INBOX (\\Seen $Forwarded) \"05-Jan-2024 10:11:12 +0100\" {5+}\r\nhello\r\n",
       .append(.inbox, [AppendMessage(
           flags: [.seen, .keyword("$Forwarded")],
           internalDate: IMAPDateTime(date: date(2024, 1, 5), hour: 10, minute: 11, second: 12, zoneMinutes: 60),
           data: bytes("hello"))])),
    fx("a APPEND INBOX () {0}\r\n\r\n", .append(.inbox, [AppendMessage(data: bytes(""))])),
    fx("a APPEND INBOX ~{3}\r\n\u{0}\u{1}\u{2}\r\n", .append(.inbox, [AppendMessage(data: ByteBuffer(bytes: [0, 1, 2]), binary: true)])),
    fx("a APPEND Drafts (\\Seen) {1}\r\nA (\\Draft) \" 5-Jan-2024 10:11:12 -0030\" {2+}\r\nBC\r\n",
       .append("Drafts", [
           AppendMessage(flags: [.seen], data: bytes("A")),
           AppendMessage(
               flags: [.draft],
               internalDate: IMAPDateTime(date: date(2024, 1, 5), hour: 10, minute: 11, second: 12, zoneMinutes: -30),
               data: bytes("BC")),
       ])),
    fx("a APPEND INBOX {12}\r\nline1\r\nline2 {3}\r\nabc\r\n",
       .append(.inbox, [AppendMessage(data: bytes("line1\r\nline2")), AppendMessage(data: bytes("abc"))])),
    fx("a IDLE\r\n", .idle),
    fx("a GETQUOTA \"\"\r\n", .getQuota(root: "")),
    fx("a GETQUOTAROOT INBOX\r\n", .getQuotaRoot(.inbox)),
    fx("a SETQUOTA \"\" (STORAGE 512 message 1000)\r\n", .setQuota(root: "", [QuotaLimit(resource: "STORAGE", limit: 512), QuotaLimit(resource: "MESSAGE", limit: 1000)])),
    fx("a SETQUOTA root ()\r\n", .setQuota(root: "root", [])),
    fx("a COMPRESS deflate\r\n", .compress("DEFLATE")),
    fx("a UNAUTHENTICATE\r\n", .unauthenticate),
]

private let mailboxNameCommands: [CommandFixture] = [
    fx("a SELECT &ZeVnLIqe-\r\n", .select("日本語", [])),
    fx("a CREATE \"Entw&APw-rfe\"\r\n", .create("Entwürfe", specialUse: [])),
    fx("a SELECT \"A &- B\"\r\n", .select("A & B", [])),
    fx("a SELECT \"Entwürfe\"\r\n", .select("Entwürfe", [])),
    fx("a SELECT Entw&APw-rfe/&AMk-t&AOk-\r\n", .select("Entwürfe/Été", [])),
    fx("a SELECT \"Entwürfe &Co\"\r\n", .select("Entwürfe &Co", []), utf8Accept: true),
    fx("a SELECT \"&Co\"\r\n", .select("&Co", []), utf8Accept: true),
    fx("a SELECT \"&2D3eAA-\"\r\n", .select("😀", [])),
]

private let selectedCommands: [CommandFixture] = [
    fx("a CHECK\r\n", .check),
    fx("a CLOSE\r\n", .close),
    fx("a UNSELECT\r\n", .unselect),
    fx("a EXPUNGE\r\n", .expunge),
    fx("a UID EXPUNGE 1:5,7\r\n", .uidExpunge(set(1...5, 7...7))),
    fx("a COPY 1:3 Archive\r\n", .copy(set(1...3), "Archive")),
    fx("a UID COPY 4,7:* \"Old Mail\"\r\n", .uidCopy(.ranges([SequenceRange(.number(4)), SequenceRange(.number(7), .star)]), "Old Mail")),
    fx("a MOVE * Trash\r\n", .move(.ranges([SequenceRange(.star)]), "Trash")),
    fx("a UID MOVE $ Trash\r\n", .uidMove(.lastCommand, "Trash")),
    fx("a COPY 5:2 INBOX\r\n", .copy(.ranges([SequenceRange(.number(5), .number(2))]), .inbox)),
    fx("a STORE 1:3 +FLAGS.SILENT (\\Deleted)\r\n", .store(StoreCommand(sequenceSet: set(1...3), flags: StoreFlags(.add, silent: true, flags: [.deleted])))),
    fx("a STORE 1 FLAGS ()\r\n", .store(StoreCommand(sequenceSet: set(1...1), flags: StoreFlags(.replace, flags: [])))),
    fx("a STORE 2 flags \\Seen \\Answered\r\n", .store(StoreCommand(sequenceSet: set(2...2), flags: StoreFlags(.replace, flags: [.seen, .answered])))),
    fx("a UID STORE 5 (UNCHANGEDSINCE 12) -FLAGS \\Seen $Junk\r\n",
       .uidStore(StoreCommand(sequenceSet: set(5...5), unchangedSince: 12, flags: StoreFlags(.remove, flags: [.seen, .keyword("$Junk")])))),
    fx("a STORE 1 +FLAGS (\\Flagged \\Recent Custom)\r\n",
       .store(StoreCommand(sequenceSet: set(1...1), flags: StoreFlags(.add, flags: [.flagged, .extension("\\Recent"), .keyword("Custom")])))),
]

private func fetch(_ set: SequenceSet, _ attributes: [FetchAttribute], _ modifiers: [FetchModifier] = []) -> FetchCommand {
    FetchCommand(sequenceSet: set, attributes: attributes, modifiers: modifiers)
}

private let fetchCommands: [CommandFixture] = [
    fx("a FETCH 1:* ALL\r\n", .fetch(fetch(.all, FetchAttribute.allMacro))),
    fx("a FETCH 1 FAST\r\n", .fetch(fetch(set(1...1), FetchAttribute.fastMacro))),
    fx("a FETCH 1 full\r\n", .fetch(fetch(set(1...1), FetchAttribute.fullMacro))),
    fx("a FETCH 2 FLAGS\r\n", .fetch(fetch(set(2...2), [.flags]))),
    fx("a FETCH 1 (ENVELOPE BODYSTRUCTURE BODY INTERNALDATE RFC822 RFC822.HEADER RFC822.SIZE RFC822.TEXT UID FLAGS)\r\n",
       .fetch(fetch(set(1...1), [.envelope, .bodyStructure, .body, .internalDate, .rfc822, .rfc822Header, .rfc822Size, .rfc822Text, .uid, .flags]))),
    fx("a FETCH 1 (BODY.PEEK[HEADER.FIELDS (From Subject \"X-Spam Flag\")] BODY[1.2.MIME] BODY[]<0.1024>)\r\n",
       .fetch(fetch(set(1...1), [
           .bodySection(peek: true, section: SectionSpecifier(kind: .headerFields(["From", "Subject", "X-Spam Flag"])), partial: nil),
           .bodySection(peek: false, section: SectionSpecifier(part: [1, 2], kind: .mime), partial: nil),
           .bodySection(peek: false, section: .complete, partial: Partial(offset: 0, length: 1024)),
       ]))),
    fx("a FETCH 2 BODY[TEXT]\r\n", .fetch(fetch(set(2...2), [.bodySection(peek: false, section: SectionSpecifier(kind: .text), partial: nil)]))),
    fx("a FETCH 2 (BODY[3.TEXT] BODY[3] BODY[HEADER] BODY[4.1.HEADER.FIELDS.NOT (Received)])\r\n",
       .fetch(fetch(set(2...2), [
           .bodySection(peek: false, section: SectionSpecifier(part: [3], kind: .text), partial: nil),
           .bodySection(peek: false, section: SectionSpecifier(part: [3]), partial: nil),
           .bodySection(peek: false, section: SectionSpecifier(kind: .header), partial: nil),
           .bodySection(peek: false, section: SectionSpecifier(part: [4, 1], kind: .headerFieldsNot(["Received"])), partial: nil),
       ]))),
    fx("a UID FETCH 1:* (BINARY.PEEK[1.2]<0.100> BINARY[] BINARY.SIZE[1] MODSEQ SAVEDATE EMAILID THREADID) (CHANGEDSINCE 12345 VANISHED)\r\n",
       .uidFetch(fetch(.all, [
           .binary(peek: true, part: [1, 2], partial: Partial(offset: 0, length: 100)),
           .binary(peek: false, part: [], partial: nil),
           .binarySize(part: [1]), .modSeq, .saveDate, .emailID, .threadID,
       ], [.changedSince(12345), .vanished]))),
    fx("a FETCH 1 (PREVIEW PREVIEW (LAZY))\r\n", .fetch(fetch(set(1...1), [.preview(lazy: false), .preview(lazy: true)]))),
    fx("a FETCH $ (FLAGS) (CHANGEDSINCE 1)\r\n", .fetch(fetch(.lastCommand, [.flags], [.changedSince(1)]))),
    fx("a FETCH 1,2,3:4,*:9 UID\r\n", .fetch(fetch(.ranges([
        SequenceRange(.number(1)), SequenceRange(.number(2)), SequenceRange(.number(3), .number(4)), SequenceRange(.star, .number(9)),
    ]), [.uid]))),
    fx("a FETCH 4294967295 UID\r\n", .fetch(fetch(set(4294967295...4294967295), [.uid]))),
]

private func search(_ key: SearchKey, charset: String? = nil, returning: [SearchReturnOption]? = nil) -> SearchCommand {
    SearchCommand(returnOptions: returning, charset: charset, key: key)
}

private let searchCommands: [CommandFixture] = [
    fx("a SEARCH ALL\r\n", .search(search(.all))),
    fx("a SEARCH ANSWERED DELETED DRAFT FLAGGED NEW OLD RECENT SEEN\r\n",
       .search(search(.and([.answered, .deleted, .draft, .flagged, .new, .old, .recent, .seen])))),
    fx("a SEARCH UNANSWERED UNDELETED UNDRAFT UNFLAGGED UNSEEN\r\n",
       .search(search(.and([.unanswered, .undeleted, .undraft, .unflagged, .unseen])))),
    fx("a SEARCH KEYWORD $Forwarded UNKEYWORD $Junk\r\n", .search(search(.and([.keyword("$Forwarded"), .unkeyword("$Junk")])))),
    fx("a SEARCH BCC a BODY b CC c FROM d SUBJECT \"e f\" TEXT {1}\r\ng TO h\r\n",
       .search(search(.and([.bcc("a"), .body("b"), .cc("c"), .from("d"), .subject("e f"), .text("g"), .to("h")])))),
    fx("a SEARCH HEADER X-Spam yes\r\n", .search(search(.header("X-Spam", "yes")))),
    fx("a SEARCH CHARSET UTF-8 FROM \"Jörg\" SINCE 1-Feb-2024\r\n", .search(search(.and([.from("Jörg"), .since(date(2024, 2, 1))]), charset: "UTF-8"))),
    fx("a SEARCH CHARSET \"US-ASCII\" ALL\r\n", .search(search(.all, charset: "US-ASCII"))),
    // A charset sent as a literal (as an encoder writes a non-ASCII name) is read like any astring.
    fx("a SEARCH CHARSET {5}\r\nx\u{FFFD}y ALL\r\n", .search(search(.all, charset: "x\u{FFFD}y"))),
    fx("a SEARCH BEFORE 29-Feb-2024 ON \"1-Jan-2000\" SENTBEFORE 01-Mar-2023 SENTON 2-Mar-2023 SENTSINCE 3-mar-2023\r\n",
       .search(search(.and([.before(date(2024, 2, 29)), .on(date(2000, 1, 1)), .sentBefore(date(2023, 3, 1)), .sentOn(date(2023, 3, 2)), .sentSince(date(2023, 3, 3))])))),
    fx("a SEARCH SAVEDBEFORE 1-Jan-2024 SAVEDON 2-Jan-2024 SAVEDSINCE \"3-Jan-2024\" SAVEDATESUPPORTED\r\n",
       .search(search(.and([.savedBefore(date(2024, 1, 1)), .savedOn(date(2024, 1, 2)), .savedSince(date(2024, 1, 3)), .saveDateSupported])))),
    fx("a SEARCH LARGER 100 SMALLER 9000000000\r\n", .search(search(.and([.larger(100), .smaller(9_000_000_000)])))),
    fx("a SEARCH OLDER 3600 YOUNGER 60\r\n", .search(search(.and([.older(3600), .younger(60)])))),
    fx("a SEARCH OR (SEEN FLAGGED) NOT DELETED\r\n", .search(search(.or(.and([.seen, .flagged]), .not(.deleted))))),
    fx("a SEARCH OR SEEN (FLAGGED)\r\n", .search(search(.or(.seen, .flagged)))),
    fx("a SEARCH NOT NOT OR 1:3 UID 5:*\r\n", .search(search(.not(.not(.or(.sequenceNumbers(set(1...3)), .uid(.ranges([SequenceRange(.number(5), .star)])))))))),
    fx("a SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338\r\n", .search(search(.modSeq(ModSeqEntry(flag: .draft, type: .all), 620162338)))),
    fx("a SEARCH MODSEQ 5\r\n", .search(search(.modSeq(nil, 5)))),
    fx("a SEARCH $\r\n", .search(search(.sequenceNumbers(.lastCommand)))),
    fx("a UID SEARCH UID $ UNSEEN\r\n", .uidSearch(search(.and([.uid(.lastCommand), .unseen])))),
    fx("a UID SEARCH RETURN (MIN MAX COUNT ALL SAVE) UNSEEN\r\n", .uidSearch(search(.unseen, returning: [.min, .max, .count, .all, .save]))),
    fx("a SEARCH RETURN () 1:*\r\n", .search(search(.sequenceNumbers(.all), returning: []))),
    fx("a SEARCH RETURN (COUNT) CHARSET UTF-8 TEXT x\r\n", .search(search(.text("x"), charset: "UTF-8", returning: [.count]))),
    fx("a SEARCH EMAILID M6d99ac3275bb4e THREADID T64b478a75b7ea9\r\n", .search(search(.and([.emailID("M6d99ac3275bb4e"), .threadID("T64b478a75b7ea9")])))),
    fx("a SEARCH FUZZY SUBJECT hello\r\n", .search(search(.fuzzy(.subject("hello"))))),
    fx("a SEARCH ((((SEEN))))\r\n", .search(search(.seen))),
]

@Suite("Command parser")
struct CommandParserTests {
    static let fixtures = anyStateCommands + notAuthenticatedCommands + authenticatedCommands + mailboxNameCommands
        + selectedCommands + fetchCommands + searchCommands

    @Test("parses whole, byte by byte and in random splits", arguments: fixtures)
    func parses(_ fixture: CommandFixture) {
        let expected = [CommandParser.Event.command(TaggedCommand(tag: "a", command: fixture.expected))]
        for chunks in chunkings(count: fixture.wire.count) {
            let events = commandEvents(fixture.wire, chunks: chunks, options: fixture.options).filter {
                if case .continuationRequest = $0 { return false }
                return true
            }
            #expect(events == expected, "chunks \(chunks)")
            if events != expected { break }
        }
    }

    @Test("grammar alone: every strict prefix needs more bytes, the whole is consumed exactly", arguments: fixtures)
    func grammarIsResumable(_ fixture: CommandFixture) throws {
        for cut in 0..<fixture.wire.count {
            var buffer = ByteBuffer(bytes: fixture.wire[0..<cut])
            let result = try CommandParser.parseCommand(from: &buffer, options: fixture.options)
            #expect(result == nil, "prefix of \(cut) bytes")
            #expect(buffer.readableBytes == cut)
        }
        var buffer = ByteBuffer(bytes: fixture.wire + Array(wire: "b NOOP\r\n"))
        let command = try CommandParser.parseCommand(from: &buffer, options: fixture.options)
        #expect(command == TaggedCommand(tag: "a", command: fixture.expected))
        #expect(String(buffer: buffer) == "b NOOP\r\n")
    }

    @Test("round trip: parse, encode, parse gives the same value", arguments: fixtures)
    func roundTrip(_ fixture: CommandFixture) throws {
        let tagged = TaggedCommand(tag: "a", command: fixture.expected)
        for literalPlus in [true, false] {
            let encoded = tagged.encoded(options: EncodingOptions(utf8Accept: fixture.options.utf8Accept, nonSynchronizingLiterals: literalPlus))
            let events = commandEvents(Array(encoded.readableBytesView), chunks: [encoded.readableBytes], options: fixture.options).filter {
                if case .continuationRequest = $0 { return false }
                return true
            }
            #expect(events == [.command(tagged)], "encoded as \(String(buffer: encoded))")
        }
    }

    @Test("pipelined commands come out in order")
    func pipelined() {
        let wire = Array(wire: "a1 NOOP\r\na2 LOGIN {5+}\r\nalice bob\r\na3 SELECT INBOX\r\n")
        for chunks in chunkings(count: wire.count) {
            let events = commandEvents(wire, chunks: chunks)
            #expect(events == [
                .command(TaggedCommand(tag: "a1", command: .noop)),
                .command(TaggedCommand(tag: "a2", command: .login(username: "alice", password: "bob"))),
                .command(TaggedCommand(tag: "a3", command: .select(.inbox, []))),
            ])
        }
    }

    @Test("a synchronizing literal asks for a continuation before its bytes")
    func continuation() {
        var parser = CommandParser()
        parser.append(ByteBuffer(string: "a1 LOGIN {5}\r\n"))
        #expect(parser.nextEvent() == .continuationRequest(literalSize: 5))
        #expect(parser.nextEvent() == nil)
        parser.append(ByteBuffer(string: "alice {3}\r\n"))
        #expect(parser.nextEvent() == .continuationRequest(literalSize: 3))
        parser.append(ByteBuffer(string: "pw!\r\n"))
        #expect(parser.nextEvent() == .command(TaggedCommand(tag: "a1", command: .login(username: "alice", password: "pw!"))))
    }

    @Test("IDLE: DONE is read in idle mode")
    func idle() {
        var parser = CommandParser()
        parser.append(ByteBuffer(string: "a1 IDLE\r\n"))
        #expect(parser.nextEvent() == .command(TaggedCommand(tag: "a1", command: .idle)))
        parser.mode = .idle
        parser.append(ByteBuffer(string: "done\r\n"))
        #expect(parser.nextEvent() == .idleDone)
        parser.append(ByteBuffer(string: "DONE now\r\n"))
        #expect(parser.nextEvent() == .bad(BadCommand(tag: nil, kind: .syntax("expected DONE"))))
        parser.mode = .command
        parser.append(ByteBuffer(string: "a2 NOOP\r\n"))
        #expect(parser.nextEvent() == .command(TaggedCommand(tag: "a2", command: .noop)))
    }

    @Test("AUTHENTICATE: responses are read in authenticate mode")
    func authenticate() {
        var parser = CommandParser()
        parser.mode = .authenticate
        parser.append(ByteBuffer(string: "AGFsaWNlAHNlY3JldA==\r\n\r\n*\r\n!!\r\n"))
        #expect(parser.nextEvent() == .authenticationResponse(.data(Array("\0alice\0secret".utf8))))
        #expect(parser.nextEvent() == .authenticationResponse(.data([])))
        #expect(parser.nextEvent() == .authenticationResponse(.cancel))
        #expect(parser.nextEvent() == .bad(BadCommand(tag: nil, kind: .syntax("invalid base64"))))
    }

    @Test("literal data is a slice of the frame, not re-encoded")
    func literalBytesVerbatim() throws {
        var message: [UInt8] = Array(wire: "Subject: x\r\n\r\n")
        message += (0...255).map { UInt8($0) }
        let wire = Array(wire: "a APPEND INBOX ~{\(message.count)}\r\n") + message + Array(wire: "\r\n")
        let events = commandEvents(wire, chunks: [wire.count])
        #expect(events.first == .continuationRequest(literalSize: UInt64(message.count)))
        guard case .command(let command) = events.last, case .append(_, let messages) = command.command else {
            Issue.record("expected APPEND, got \(events)")
            return
        }
        #expect(Array(messages[0].data.readableBytesView) == message)
        #expect(messages[0].binary)
    }
}
