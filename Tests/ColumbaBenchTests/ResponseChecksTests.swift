import ColumbaBench
import NIOCore
import Testing

@Suite("ResponseChecks")
struct ResponseChecksTests {
    /// A result made of recorded response lines (framed and parsed as the client would).
    static func result(_ text: String) throws -> CommandResult {
        var buffer = ByteBuffer(string: text)
        var responses: [IMAPResponse] = []
        while let frame = try ResponseFramer().nextFrame(from: &buffer) {
            responses.append(try ResponseParser.parse(frame))
        }
        guard case .tagged(_, let completion) = responses.removeLast() else {
            throw CheckFailure("no completion")
        }
        return CommandResult(untagged: responses, completion: completion, elapsed: .zero)
    }

    static func model() throws -> MailboxModel {
        var model = MailboxModel(exists: 3, uidValidity: 77)
        for (sequence, uid) in [(1, 10), (2, 11), (3, 15)] {
            try model.apply(.fetch(sequence: sequence, attributes: ["UID": .number(UInt64(uid))]))
        }
        return model
    }

    @Test("SELECT gives a mailbox of EXISTS messages with its UIDVALIDITY")
    func select() throws {
        let model = try ResponseChecks.selected(Self.result(
            "* 3 EXISTS\r\n* OK [UIDVALIDITY 77] UIDs valid\r\nA1 OK [READ-WRITE] Select completed.\r\n"))
        #expect(model.count == 3 && model.uidValidity == 77)
        #expect(throws: CheckFailure.self) {
            try ResponseChecks.selected(Self.result("* 3 EXISTS\r\nA1 OK [READ-WRITE] done\r\n"))
        }
        #expect(throws: CheckFailure.self) {
            try ResponseChecks.selected(Self.result("* OK [UIDVALIDITY 77] x\r\nA1 OK [READ-WRITE] done\r\n"))
        }
        #expect(throws: CheckFailure.self) {
            try ResponseChecks.selected(Self.result("* 3 EXISTS\r\n* OK [UIDVALIDITY 77] x\r\nA1 NO no such mailbox\r\n"))
        }
    }

    static let bodyRequest = ResponseChecks.FetchExpectation(uids: [11], items: ["RFC822.SIZE", "BODY[]"], complete: true)

    @Test("a complete FETCH answer passes, an unsolicited flag update is allowed")
    func fetchPasses() throws {
        var model = try Self.model()
        try ResponseChecks.checkFetch(Self.result(
            "* 1 FETCH (FLAGS (\\Seen))\r\n* 2 FETCH (UID 11 RFC822.SIZE 5 BODY[] {5}\r\nab\r\nc)\r\nA1 OK done\r\n"),
                                      expecting: Self.bodyRequest, model: &model)
    }

    @Test("wrong FETCH answers fail", arguments: [
        "A1 OK nothing\r\n",
        "* 2 FETCH (UID 11 RFC822.SIZE 6 BODY[] {5}\r\nab\r\nc)\r\nA1 OK done\r\n",
        "* 2 FETCH (UID 11 BODY[] {5}\r\nab\r\nc)\r\nA1 OK done\r\n",
        "* 3 FETCH (UID 15 RFC822.SIZE 5 BODY[] {5}\r\nab\r\nc)\r\n* 2 FETCH (UID 11 RFC822.SIZE 5 BODY[] {5}\r\nab\r\nc)\r\nA1 OK done\r\n",
        "* 2 FETCH (RFC822.SIZE 5 BODY[] {5}\r\nab\r\nc)\r\nA1 OK done\r\n",
        "* 2 FETCH (UID 12 RFC822.SIZE 5 BODY[] {5}\r\nab\r\nc)\r\nA1 OK done\r\n",
    ])
    func fetchFails(text: String) throws {
        var model = try Self.model()
        #expect(throws: CheckFailure.self) {
            try ResponseChecks.checkFetch(Self.result(text), expecting: Self.bodyRequest, model: &model)
        }
    }

    @Test("a message expunged during the FETCH need not be answered")
    func fetchExpunged() throws {
        var model = try Self.model()
        try ResponseChecks.checkFetch(Self.result("* 2 EXPUNGE\r\nA1 OK done\r\n"), expecting: Self.bodyRequest, model: &model)
        #expect(model.uids == [10, 15])
    }

    @Test("STORE answers must show the flag")
    func store() throws {
        let expectation = ResponseChecks.FetchExpectation(uids: [10, 15], items: ["FLAGS"], flag: "\\Flagged", complete: true)
        var model = try Self.model()
        try ResponseChecks.checkFetch(Self.result(
            "* 1 FETCH (UID 10 FLAGS (\\Flagged))\r\n* 3 FETCH (FLAGS (\\Seen \\flagged) UID 15)\r\nA1 OK done\r\n"),
                                      expecting: expectation, model: &model)
        #expect(throws: CheckFailure.self) {
            try ResponseChecks.checkFetch(Self.result(
                "* 1 FETCH (UID 10 FLAGS (\\Seen))\r\n* 3 FETCH (FLAGS (\\Flagged) UID 15)\r\nA1 OK done\r\n"),
                                          expecting: expectation, model: &model)
        }
    }

    @Test("SEARCH results must be UIDs of the mailbox; SEARCH ALL must name them all")
    func search() throws {
        var model = try Self.model()
        #expect(try ResponseChecks.checkSearch(Self.result("* SEARCH 10 15\r\nA1 OK done\r\n"), model: &model) == [10, 15])
        #expect(throws: CheckFailure.self) {
            try ResponseChecks.checkSearch(Self.result("* SEARCH 10 12\r\nA1 OK done\r\n"), model: &model)
        }
        #expect(throws: CheckFailure.self) {
            try ResponseChecks.checkSearch(Self.result("* SEARCH 10 15\r\nA1 OK done\r\n"), matchesAll: true, model: &model)
        }
        #expect(throws: CheckFailure.self) {
            try ResponseChecks.checkSearch(Self.result("A1 OK done\r\n"), model: &model)
        }
        // A new message whose UID is not learnt yet may be found.
        try ResponseChecks.checkSearch(Self.result("* 4 EXISTS\r\n* SEARCH 10 11 15 16\r\nA1 OK done\r\n"), matchesAll: true, model: &model)
    }

    @Test("APPENDUID must be present with UIDPLUS, keep UIDVALIDITY, and exceed UIDs seen")
    func append() throws {
        let good = try Self.result("A1 OK [APPENDUID 77 16] Append completed.\r\n")
        let assigned = try ResponseChecks.checkAppend(good, uidPlus: true, uidValidity: 77, highestUID: 15)
        #expect(assigned?.validity == 77 && assigned?.uid == 16)
        #expect(try ResponseChecks.checkAppend(Self.result("A1 OK done\r\n"), uidPlus: false, uidValidity: 77, highestUID: 15) == nil)
        #expect(throws: CheckFailure.self) {
            try ResponseChecks.checkAppend(Self.result("A1 OK done\r\n"), uidPlus: true, uidValidity: 77, highestUID: 15)
        }
        #expect(throws: CheckFailure.self) { try ResponseChecks.checkAppend(good, uidPlus: true, uidValidity: 78, highestUID: 15) }
        #expect(throws: CheckFailure.self) { try ResponseChecks.checkAppend(good, uidPlus: true, uidValidity: 77, highestUID: 16) }
        #expect(throws: CheckFailure.self) {
            try ResponseChecks.checkAppend(Self.result("A1 NO [OVERQUOTA] full\r\n"), uidPlus: true, uidValidity: 77, highestUID: 15)
        }
    }
}
