import ColumbaBench
import NIOCore
import Testing

@Suite("ResponseParser")
struct ResponseParserTests {
    static func parse(_ text: String) throws -> IMAPResponse {
        try ResponseParser.parse(ByteBuffer(string: text))
    }

    @Test("tagged completion with a response code")
    func tagged() throws {
        #expect(try Self.parse("A5 OK [APPENDUID 1764395000 42] Append completed.\r\n")
            == .tagged(tag: "A5", StatusResponse(kind: .ok, code: "APPENDUID 1764395000 42", text: "Append completed.")))
        #expect(try Self.parse("A6 NO [EXPUNGEISSUED] Some messages were expunged\r\n")
            == .tagged(tag: "A6", StatusResponse(kind: .no, code: "EXPUNGEISSUED", text: "Some messages were expunged")))
        #expect(try Self.parse("A7 BAD Error in IMAP command\r\n") == .tagged(tag: "A7", StatusResponse(kind: .bad, text: "Error in IMAP command")))
    }

    @Test("greeting, BYE and continuation")
    func statusAndContinuation() throws {
        #expect(try Self.parse("* OK [CAPABILITY IMAP4rev1 LITERAL+ IDLE] Dovecot ready.\r\n")
            == .untaggedStatus(StatusResponse(kind: .ok, code: "CAPABILITY IMAP4rev1 LITERAL+ IDLE", text: "Dovecot ready.")))
        #expect(try Self.parse("* BYE Logging out\r\n") == .untaggedStatus(StatusResponse(kind: .bye, text: "Logging out")))
        #expect(try Self.parse("+ idling\r\n") == .continuation("idling"))
        #expect(try Self.parse("+\r\n") == .continuation(""))
    }

    @Test("counts and SEARCH")
    func countsAndSearch() throws {
        #expect(try Self.parse("* 17 EXISTS\r\n") == .untaggedData(.exists(17)))
        #expect(try Self.parse("* 3 EXPUNGE\r\n") == .untaggedData(.expunge(3)))
        #expect(try Self.parse("* 0 RECENT\r\n") == .untaggedData(.recent(0)))
        #expect(try Self.parse("* SEARCH 2 84 882\r\n") == .untaggedData(.search([2, 84, 882])))
        #expect(try Self.parse("* SEARCH\r\n") == .untaggedData(.search([])))
        #expect(try Self.parse("* SEARCH 5 \r\n") == .untaggedData(.search([5])))
    }

    @Test("FETCH with a literal inside a section name holding spaces")
    func fetch() throws {
        let text = "* 2 FETCH (UID 7 FLAGS (\\Seen $Bench) RFC822.SIZE 27 BODY[HEADER.FIELDS (FROM TO)] {5}\r\nA\r\n\r\n)\r\n"
        guard case .untaggedData(.fetch(let sequence, let attributes)) = try Self.parse(text) else {
            Issue.record("not a FETCH")
            return
        }
        #expect(sequence == 2)
        #expect(attributes["UID"] == .number(7))
        #expect(attributes["FLAGS"]?.atoms == ["\\Seen", "$Bench"])
        #expect(attributes["RFC822.SIZE"] == .number(27))
        #expect(attributes["BODY[HEADER.FIELDS (FROM TO)]"]?.bytes == ByteBuffer(string: "A\r\n\r\n"))
    }

    @Test("other data keeps its values: LIST, STATUS, CAPABILITY")
    func otherData() throws {
        #expect(try Self.parse("* LIST (\\HasNoChildren) \".\" INBOX\r\n")
            == .untaggedData(.other(keyword: "LIST", values: [.list([.atom("\\HasNoChildren")]), .string(ByteBuffer(string: ".")), .atom("INBOX")])))
        #expect(try Self.parse("* STATUS INBOX (MESSAGES 3 UIDNEXT 9)\r\n")
            == .untaggedData(.other(keyword: "STATUS", values: [.atom("INBOX"), .list([.atom("MESSAGES"), .number(3), .atom("UIDNEXT"), .number(9)])])))
        #expect(try Self.parse("* CAPABILITY IMAP4rev1 uidplus\r\n") == .untaggedData(.capability(["IMAP4REV1", "UIDPLUS"])))
        #expect(try Self.parse("* ID (\"name\" \"a\\\"b\" \"x\" NIL)\r\n")
            == .untaggedData(.other(keyword: "ID", values: [.list([.string(ByteBuffer(string: "name")), .string(ByteBuffer(string: "a\"b")),
                                                                   .string(ByteBuffer(string: "x")), .nilValue])])))
    }

    @Test("malformed responses are errors", arguments: [
        "* 3 EXISTS extra\r\n",
        "* 1 FETCH (UID)\r\n",
        "* 1 FETCH (UID 1\r\n",
        "* SEARCH 1 x\r\n",
        "* SEARCH 0\r\n",
        "* LIST (\\Noselect \"unterminated\r\n",
        "* OK [UNTERMINATED code\r\n",
        "A1 MAYBE done\r\n",
        "A1 BYE no\r\n",
        " OK\r\n",
        "* 1 FETCH (BODY[] {9}\r\nshort)\r\n",
    ])
    func malformed(text: String) {
        #expect(throws: IMAPResponseError.self) { try Self.parse(text) }
    }

    @Test("nesting beyond the limit is an error")
    func nesting() {
        let deep = "* X " + String(repeating: "(", count: 100) + String(repeating: ")", count: 100) + "\r\n"
        #expect(throws: IMAPResponseError.self) { try Self.parse(deep) }
    }
}
