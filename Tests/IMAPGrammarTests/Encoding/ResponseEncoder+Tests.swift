import NIOCore
import Testing

@testable import IMAPGrammar

struct EncodeFixture: CustomTestStringConvertible, Sendable {
    let response: Response
    let wire: String
    let options: EncodingOptions
    var testDescription: String { printable(Array(wire.utf8)) }
}

private func e(_ response: Response, _ wire: String, utf8Accept: Bool = false) -> EncodeFixture {
    EncodeFixture(response: response, wire: wire, options: EncodingOptions(utf8Accept: utf8Accept))
}

private func u(_ response: UntaggedResponse) -> Response { .untagged(response) }
private func date(_ y: Int, _ m: Int, _ d: Int) -> IMAPDate { IMAPDate(year: y, month: m, day: d)! }

private let encodeFixtures: [EncodeFixture] = [
    // Tagged and status responses
    e(.tagged(TaggedResponse(tag: "a1", state: .ok("LOGIN completed"))), "a1 OK LOGIN completed\r\n"),
    e(.tagged(TaggedResponse(tag: "a1", state: .no("Too big", code: .tooBig))), "a1 NO [TOOBIG] Too big\r\n"),
    e(.tagged(TaggedResponse(tag: "a1", state: .bad("line\r\nbreak"))), "a1 BAD line  break\r\n"),
    e(.tagged(TaggedResponse(tag: "a1", state: .ok(""))), "a1 OK Completed\r\n"),
    e(.tagged(TaggedResponse(tag: "a2", state: .ok("Append completed.", code: .appendUID(uidValidity: 38505, uids: .numbers(3955...3955))))),
      "a2 OK [APPENDUID 38505 3955] Append completed.\r\n"),
    e(.tagged(TaggedResponse(tag: "a3", state: .ok("Done", code: .copyUID(uidValidity: 38505, source: .numbers(304...304, 319...320), destination: .numbers(3956...3958))))),
      "a3 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n"),
    e(.tagged(TaggedResponse(tag: "a4", state: .ok("[READ-WRITE] SELECT completed", code: .readWrite))), "a4 OK [READ-WRITE] [READ-WRITE] SELECT completed\r\n"),
    e(u(.ok(.permanentFlags([.answered, .deleted, .seen], allowsNewKeywords: true), "Limited")), "* OK [PERMANENTFLAGS (\\Answered \\Deleted \\Seen \\*)] Limited\r\n"),
    e(u(.ok(.uidValidity(3857529045), "UIDs valid")), "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"),
    e(u(.ok(.highestModSeq(715194045007), "Highest")), "* OK [HIGHESTMODSEQ 715194045007] Highest\r\n"),
    e(u(.ok(.capability(["IMAP4rev1", "LITERAL+", "AUTH=PLAIN"]), "Columba ready.")), "* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] Columba ready.\r\n"),
    e(u(.no(.badCharset(["UTF-8", "US-ASCII"]), "Unknown charset")), "* NO [BADCHARSET (UTF-8 US-ASCII)] Unknown charset\r\n"),
    e(u(.ok(.modified(.numbers(7...7, 9...9)), "Conditional STORE failed")), "* OK [MODIFIED 7,9] Conditional STORE failed\r\n"),
    e(u(.bye(nil, "Logging out")), "* BYE Logging out\r\n"),
    e(u(.preauth(nil, "Welcome")), "* PREAUTH Welcome\r\n"),
    e(u(.bad(.other("X-FOO", "some] text"), "odd")), "* BAD [X-FOO some text] odd\r\n"),
    // Data
    e(u(.capability(["IMAP4rev1", "IMAP4rev2", "IDLE"])), "* CAPABILITY IMAP4rev1 IMAP4rev2 IDLE\r\n"),
    e(u(.enabled(["CONDSTORE"])), "* ENABLED CONDSTORE\r\n"),
    e(u(.flags([.answered, .flagged, .deleted, .seen, .draft, .keyword("$Forwarded")])), "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)\r\n"),
    e(u(.exists(172)), "* 172 EXISTS\r\n"),
    e(u(.recent(1)), "* 1 RECENT\r\n"),
    e(u(.expunge(44)), "* 44 EXPUNGE\r\n"),
    e(u(.vanished(earlier: true, .numbers(41...43, 45...45))), "* VANISHED (EARLIER) 41:43,45\r\n"),
    e(u(.vanished(earlier: false, .numbers(405...405))), "* VANISHED 405\r\n"),
    e(u(.search([2, 84, 882], modSeq: nil)), "* SEARCH 2 84 882\r\n"),
    e(u(.search([], modSeq: nil)), "* SEARCH\r\n"),
    e(u(.search([2, 5], modSeq: 917162500)), "* SEARCH 2 5 (MODSEQ 917162500)\r\n"),
    e(u(.esearch(ESearchResponse(tag: "a1", uid: true, min: 1, max: 9, count: 3, all: .numbers(1...1, 5...5, 9...9)))),
      "* ESEARCH (TAG \"a1\") UID MIN 1 MAX 9 COUNT 3 ALL 1,5,9\r\n"),
    e(u(.esearch(ESearchResponse(tag: nil, uid: false, count: 0))), "* ESEARCH COUNT 0\r\n"),
    e(u(.status(.inbox, [(.messages, 231), (.uidNext, 44292), (.highestModSeq, 7011231777)])), "* STATUS INBOX (MESSAGES 231 UIDNEXT 44292 HIGHESTMODSEQ 7011231777)\r\n"),
    e(u(.status("Sent Items", [(.size, 0)])), "* STATUS \"Sent Items\" (SIZE 0)\r\n"),
    e(u(.list(ListResponse(attributes: ["\\HasNoChildren"], delimiter: "/", mailbox: "Entwürfe"))), "* LIST (\\HasNoChildren) \"/\" Entw&APw-rfe\r\n"),
    e(u(.list(ListResponse(attributes: ["\\HasNoChildren"], delimiter: "/", mailbox: "Entwürfe"))), "* LIST (\\HasNoChildren) \"/\" \"Entwürfe\"\r\n", utf8Accept: true),
    e(u(.list(ListResponse(attributes: [], delimiter: nil, mailbox: ""))), "* LIST () NIL \"\"\r\n"),
    e(u(.list(ListResponse(attributes: ["\\Noselect"], delimiter: "\\", mailbox: "a\"b"))), "* LIST (\\Noselect) \"\\\\\" \"a\\\"b\"\r\n"),
    e(u(.list(ListResponse(attributes: ["\\NonExistent"], delimiter: "/", mailbox: "Foo", childInfo: ["SUBSCRIBED"]))),
      "* LIST (\\NonExistent) \"/\" Foo (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n"),
    e(u(.lsub(ListResponse(attributes: [], delimiter: ".", mailbox: "日本語"))), "* LSUB () \".\" &ZeVnLIqe-\r\n"),
    e(u(.list(ListResponse(attributes: [], delimiter: "/", mailbox: "NIL"))), "* LIST () \"/\" \"NIL\"\r\n"),
    e(u(.list(ListResponse(attributes: [], delimiter: "/", mailbox: "a\rb"))), "* LIST () \"/\" {3}\r\na\rb\r\n", utf8Accept: true),
    e(u(.list(ListResponse(attributes: [], delimiter: "/", mailbox: "a\rb"))), "* LIST () \"/\" a&AA0-b\r\n"),
    e(u(.id([IDField("name", "Columba"), IDField("version", nil)])), "* ID (\"name\" \"Columba\" \"version\" NIL)\r\n"),
    e(u(.id(nil)), "* ID NIL\r\n"),
    e(u(.namespace(personal: [NamespaceDescription(prefix: "", delimiter: "/")], otherUsers: [], shared: [NamespaceDescription(prefix: "Public/", delimiter: "/")])),
      "* NAMESPACE ((\"\" \"/\")) NIL ((\"Public/\" \"/\"))\r\n"),
    e(u(.quota(root: "", [QuotaUsage(resource: "STORAGE", usage: 10, limit: 512)])), "* QUOTA \"\" (STORAGE 10 512)\r\n"),
    e(u(.quotaRoot(.inbox, roots: [""])), "* QUOTAROOT INBOX \"\"\r\n"),
    // FETCH
    e(u(.fetch(12, [.flags([.seen]), .uid(4827313), .rfc822Size(44827), .modSeq(624140003)])),
      "* 12 FETCH (FLAGS (\\Seen) UID 4827313 RFC822.SIZE 44827 MODSEQ (624140003))\r\n"),
    e(u(.fetch(1, [.internalDate(IMAPDateTime(date: date(1996, 7, 17), hour: 2, minute: 44, second: 25, zoneMinutes: -420)!)])),
      "* 1 FETCH (INTERNALDATE \"17-Jul-1996 02:44:25 -0700\")\r\n"),
    e(u(.fetch(1, [.bodySection(SectionSpecifier(kind: .headerFields(["From", "Subject"])), origin: nil, data: ByteBuffer(string: "From: a\r\n\r\n"))])),
      "* 1 FETCH (BODY[HEADER.FIELDS (From Subject)] {11}\r\nFrom: a\r\n\r\n)\r\n"),
    e(u(.fetch(1, [.bodySection(.complete, origin: 0, data: ByteBuffer(string: "abc"))])), "* 1 FETCH (BODY[]<0> {3}\r\nabc)\r\n"),
    e(u(.fetch(1, [.bodySection(SectionSpecifier(part: [1, 2], kind: .mime), origin: nil, data: nil)])), "* 1 FETCH (BODY[1.2.MIME] NIL)\r\n"),
    e(u(.fetch(1, [.binary(part: [1], origin: nil, data: ByteBuffer(bytes: [0, 1])), .binarySize(part: [1], size: 2)])),
      "* 1 FETCH (BINARY[1] ~{2}\r\n\u{0}\u{1} BINARY.SIZE[1] 2)\r\n"),
    e(u(.fetch(1, [.binary(part: [], origin: nil, data: ByteBuffer(string: "hi"))])), "* 1 FETCH (BINARY[] {2}\r\nhi)\r\n"),
    e(u(.fetch(1, [.rfc822Header(ByteBuffer(string: "X: y\r\n")), .rfc822Text(nil), .rfc822(ByteBuffer(string: ""))])),
      "* 1 FETCH (RFC822.HEADER {6}\r\nX: y\r\n RFC822.TEXT NIL RFC822 {0}\r\n)\r\n"),
    e(u(.fetch(1, [.saveDate(nil), .emailID("M6d99ac3275bb4e"), .threadID(nil), .threadID("T1"), .preview("Hi there")])),
      "* 1 FETCH (SAVEDATE NIL EMAILID (M6d99ac3275bb4e) THREADID NIL THREADID (T1) PREVIEW \"Hi there\")\r\n"),
    e(u(.fetch(1, [.envelope(Envelope(
        date: "Wed, 17 Jul 1996 02:23:25 -0700 (PDT)", subject: "IMAP4rev2 WG mtg summary and minutes",
        from: [Address(name: "Terry Gray", mailbox: "gray", host: "cac.washington.edu")],
        to: [Address(mailbox: "imap", host: "cac.washington.edu")],
        cc: [Address(mailbox: "minutes", host: "CNRI.Reston.VA.US"), Address(name: "John Klensin", mailbox: "KLENSIN", host: "MIT.EDU")],
        messageID: "<B27397-0100000@cac.washington.edu>"))])),
      "* 1 FETCH (ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev2 WG mtg summary and minutes\" "
        + "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) NIL NIL ((NIL NIL \"imap\" \"cac.washington.edu\")) "
        + "((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL "
        + "\"<B27397-0100000@cac.washington.edu>\"))\r\n"),
    e(u(.fetch(1, [.preformatted(name: "BODYSTRUCTURE", value: ByteBuffer(string: "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 3 1)"))])),
      "* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 3 1))\r\n"),
    // Continuations
    e(.continuation(.text("Ready for literal data")), "+ Ready for literal data\r\n"),
    e(.continuation(.data([])), "+ \r\n"),
    e(.continuation(.data(Array("challenge".utf8))), "+ Y2hhbGxlbmdl\r\n"),
]

@Suite("Response encoder")
struct ResponseEncoderTests {
    @Test("value to exact wire bytes", arguments: encodeFixtures)
    func encodes(_ fixture: EncodeFixture) {
        #expect(String(buffer: fixture.response.encoded(options: fixture.options)) == fixture.wire)
    }

    @Test("string forms: atom, quoted or literal", arguments: [
        ("INBOX", true, EncodeBuffer.StringForm.atom),
        ("INBOX", false, .quoted),
        ("", true, .quoted),
        ("two words", true, .quoted),
        ("nil", true, .quoted),
        ("a]b", true, .atom),
        ("a%b", true, .quoted),
        ("quote\"d", true, .quoted),
        ("line\nbreak", true, .literal),
        ("Entwürfe", true, .literal),
    ])
    func stringForm(text: String, allowAtom: Bool, form: EncodeBuffer.StringForm) {
        let buffer = EncodeBuffer()
        #expect(buffer.stringForm(for: Array(text.utf8), allowAtom: allowAtom) == form)
    }

    @Test("UTF-8 is quoted under UTF8=ACCEPT, and long strings become literals")
    func utf8AndLength() {
        let utf8 = EncodeBuffer(options: EncodingOptions(utf8Accept: true))
        #expect(utf8.stringForm(for: Array("Entwürfe".utf8), allowAtom: true) == .quoted)
        let plain = EncodeBuffer(options: EncodingOptions(maximumQuotedLength: 4))
        #expect(plain.stringForm(for: Array("a b c".utf8), allowAtom: true) == .literal)
    }
}
