import NIOCore
import Testing

@testable import IMAPGrammar

/// What a hostile input must produce.
enum HostileOutcome: Hashable, Sendable {
    case syntax(tag: String?)
    case invalidTag
    case unknownCommand(tag: String, name: String)
    case tooMuchRecursion(tag: String)
    case literalTooLarge(tag: String?, size: UInt64)
    case lineTooLong(tag: String?)
    case invalidMailboxName(tag: String)
    /// Nothing yet: the parser waits for more bytes (and must not hang or crash).
    case incomplete

    func matches(_ events: [CommandParser.Event]) -> Bool {
        let relevant = events.filter {
            if case .continuationRequest = $0 { return false }
            return true
        }
        if self == .incomplete { return relevant.isEmpty }
        guard relevant.count == 1, case .bad(let bad) = relevant[0] else { return false }
        switch self {
        case .syntax(let tag): return bad.tag == tag && bad.kind.isSyntax
        case .invalidTag: return bad.tag == nil && bad.kind == .invalidTag
        case .unknownCommand(let tag, let name): return bad.tag == tag && bad.kind == .unknownCommand(name)
        case .tooMuchRecursion(let tag): return bad.tag == tag && bad.kind == .tooMuchRecursion
        case .literalTooLarge(let tag, let size): return bad.tag == tag && bad.kind == .literalTooLarge(size)
        case .lineTooLong(let tag): return bad.tag == tag && bad.kind == .lineTooLong
        case .invalidMailboxName(let tag): return bad.tag == tag && bad.kind == .invalidMailboxName
        case .incomplete: return false
        }
    }
}

struct HostileFixture: CustomTestStringConvertible, Sendable {
    let name: String
    let wire: [UInt8]
    let outcome: HostileOutcome
    var testDescription: String { "\(name): \(printable(wire))" }
}

private func h(_ name: String, _ wire: String, _ outcome: HostileOutcome) -> HostileFixture {
    HostileFixture(name: name, wire: Array(wire: wire), outcome: outcome)
}

private func h(_ name: String, bytes: [UInt8], _ outcome: HostileOutcome) -> HostileFixture {
    HostileFixture(name: name, wire: bytes, outcome: outcome)
}

private let hostile: [HostileFixture] = [
    // Tags and command names
    h("empty line", "\r\n", .invalidTag),
    h("tag with +", "+ NOOP\r\n", .invalidTag),
    h("tag *", "* NOOP\r\n", .invalidTag),
    h("tag with (", "(a NOOP\r\n", .invalidTag),
    h("tag only", "a1\r\n", .syntax(tag: "a1")),
    h("tag and space only", "a1 \r\n", .syntax(tag: "a1")),
    h("control character after tag", "a\u{1}1 NOOP\r\n", .invalidTag),
    h("unknown command", "a1 FOO\r\n", .unknownCommand(tag: "a1", name: "FOO")),
    h("unknown UID command", "a1 UID FOO 1\r\n", .unknownCommand(tag: "a1", name: "UID FOO")),
    h("UID without command", "a1 UID\r\n", .syntax(tag: "a1")),
    h("trailing garbage", "a1 NOOP extra\r\n", .syntax(tag: "a1")),
    h("two spaces", "a1  NOOP\r\n", .syntax(tag: "a1")),
    // Missing arguments
    h("LOGIN without arguments", "a1 LOGIN\r\n", .syntax(tag: "a1")),
    h("LOGIN without password", "a1 LOGIN alice\r\n", .syntax(tag: "a1")),
    h("literal user, no password", "a1 LOGIN {5}\r\nalice\r\n", .syntax(tag: "a1")),
    h("SELECT without mailbox", "a1 SELECT\r\n", .syntax(tag: "a1")),
    h("COPY without mailbox", "a1 COPY 1:2\r\n", .syntax(tag: "a1")),
    h("UID EXPUNGE without set", "a1 UID EXPUNGE\r\n", .syntax(tag: "a1")),
    h("ENABLE without capability", "a1 ENABLE\r\n", .syntax(tag: "a1")),
    h("FETCH without attributes", "a1 FETCH 1\r\n", .syntax(tag: "a1")),
    h("SEARCH without key", "a1 SEARCH\r\n", .syntax(tag: "a1")),
    h("SEARCH CHARSET without key", "a1 SEARCH CHARSET UTF-8\r\n", .syntax(tag: "a1")),
    h("OR with one key", "a1 SEARCH OR SEEN\r\n", .syntax(tag: "a1")),
    h("STORE without flags", "a1 STORE 1 FLAGS\r\n", .syntax(tag: "a1")),
    h("APPEND without message", "a1 APPEND INBOX\r\n", .syntax(tag: "a1")),
    h("APPEND with an atom for the message", "a1 APPEND INBOX hello\r\n", .syntax(tag: "a1")),
    h("ID with odd list", "a1 ID (\"name\")\r\n", .syntax(tag: "a1")),
    h("SETQUOTA without limit", "a1 SETQUOTA \"\" (STORAGE)\r\n", .syntax(tag: "a1")),
    h("RETURN STATUS without attributes", "a1 LIST \"\" * RETURN (STATUS)\r\n", .syntax(tag: "a1")),
    // Sequence sets and numbers
    h("sequence number 0", "a1 FETCH 0 FLAGS\r\n", .syntax(tag: "a1")),
    h("range to 0", "a1 FETCH 1:0 FLAGS\r\n", .syntax(tag: "a1")),
    h("empty set element", "a1 FETCH 1,,2 FLAGS\r\n", .syntax(tag: "a1")),
    h("number above 2^32-1", "a1 FETCH 4294967296 FLAGS\r\n", .syntax(tag: "a1")),
    h("letters in a range", "a1 FETCH 1:x FLAGS\r\n", .syntax(tag: "a1")),
    h("double colon", "a1 SEARCH UID 1:2:3\r\n", .syntax(tag: "a1")),
    h("number64 overflow", "a1 SEARCH LARGER 99999999999999999999\r\n", .syntax(tag: "a1")),
    h("zero UIDVALIDITY", "a1 SELECT INBOX (QRESYNC (0 5))\r\n", .syntax(tag: "a1")),
    h("UNCHANGEDSINCE not a number", "a1 STORE 1 (UNCHANGEDSINCE x) FLAGS ()\r\n", .syntax(tag: "a1")),
    // FETCH
    h("unbalanced parenthesis", "a1 FETCH * (FLAGS\r\n", .syntax(tag: "a1")),
    h("unknown fetch attribute", "a1 FETCH 1 (FOO)\r\n", .syntax(tag: "a1")),
    h("unterminated section", "a1 FETCH 1 BODY[1.MIME\r\n", .syntax(tag: "a1")),
    h("MIME without part", "a1 FETCH 1 BODY[MIME]\r\n", .syntax(tag: "a1")),
    h("partial without length", "a1 FETCH 1 BODY[]<10>\r\n", .syntax(tag: "a1")),
    h("partial of length 0", "a1 FETCH 1 BODY[]<0.0>\r\n", .syntax(tag: "a1")),
    h("empty header list", "a1 FETCH 1 BODY[HEADER.FIELDS ()]\r\n", .syntax(tag: "a1")),
    h("BODY.PEEK without section", "a1 FETCH 1 BODY.PEEK\r\n", .syntax(tag: "a1")),
    h("unknown fetch modifier", "a1 FETCH 1 FLAGS (FOO 1)\r\n", .syntax(tag: "a1")),
    // SEARCH
    h("unknown search key", "a1 SEARCH FOO\r\n", .syntax(tag: "a1")),
    h("deeply nested parentheses", "a1 SEARCH " + String(repeating: "(", count: 500) + "ALL" + String(repeating: ")", count: 500) + "\r\n",
      .tooMuchRecursion(tag: "a1")),
    h("deeply nested NOT", "a1 SEARCH " + String(repeating: "NOT ", count: 500) + "ALL\r\n", .tooMuchRecursion(tag: "a1")),
    h("deeply nested OR", "a1 SEARCH " + String(repeating: "OR ALL ", count: 500) + "ALL\r\n", .tooMuchRecursion(tag: "a1")),
    h("8-bit flag in a MODSEQ entry name (found by the fuzzer)", bytes: Array(wire: "a1 SEARCH MODSEQ \"/flags/\\d") + [0xC3, 0xA9] + Array(wire: "\" all 5\r\n"), .syntax(tag: "a1")),
    h("empty flag in a MODSEQ entry name", "a1 SEARCH MODSEQ \"/flags/\" all 5\r\n", .syntax(tag: "a1")),
    h("unbalanced search parentheses", "a1 SEARCH (SEEN (FLAGGED)\r\n", .syntax(tag: "a1")),
    // Dates
    h("day 32", "a1 SEARCH SINCE 32-Jan-2024\r\n", .syntax(tag: "a1")),
    h("29 February in a common year", "a1 SEARCH SINCE 29-Feb-2023\r\n", .syntax(tag: "a1")),
    h("unknown month", "a1 SEARCH BEFORE 1-Foo-2024\r\n", .syntax(tag: "a1")),
    h("two-digit year", "a1 SEARCH ON 1-Jan-24\r\n", .syntax(tag: "a1")),
    h("31 April in APPEND", "a1 APPEND INBOX \"31-Apr-2024 10:00:00 +0000\" {1}\r\nx\r\n", .syntax(tag: "a1")),
    h("hour 25", "a1 APPEND INBOX \"01-Jan-2024 25:00:00 +0000\" {1}\r\nx\r\n", .syntax(tag: "a1")),
    h("zone without sign", "a1 APPEND INBOX \"01-Jan-2024 10:00:00 0000\" {1}\r\nx\r\n", .syntax(tag: "a1")),
    h("zone minutes 75", "a1 APPEND INBOX \"01-Jan-2024 10:00:00 +0175\" {1}\r\nx\r\n", .syntax(tag: "a1")),
    // Strings and literals
    h("unterminated quoted string", "a1 LOGIN \"alice\r\n", .syntax(tag: "a1")),
    h("bad escape in quoted string", "a1 LOGIN \"al\\ice\" x\r\n", .syntax(tag: "a1")),
    h("8-bit byte in an atom", bytes: Array(wire: "a1 LOGIN al") + [0xE9] + Array(wire: "ce x\r\n"), .syntax(tag: "a1")),
    h("NUL in an atom", bytes: Array(wire: "a1 LOGIN alice pass") + [0] + Array(wire: "word\r\n"), .syntax(tag: "a1")),
    h("NUL in a quoted string", bytes: Array(wire: "a1 LOGIN \"a") + [0] + Array(wire: "b\" x\r\n"), .syntax(tag: "a1")),
    h("unterminated literal", "a1 LOGIN {5}\r\nab", .incomplete),
    h("literal announcing 4 GB", "a1 APPEND INBOX {4294967296}\r\n", .literalTooLarge(tag: "a1", size: 4_294_967_296)),
    h("non-synchronizing literal of 4 GB", "a1 APPEND INBOX {4294967296+}\r\n", .literalTooLarge(tag: "a1", size: 4_294_967_296)),
    h("literal size overflowing 64 bits", "a1 APPEND INBOX {99999999999999999999}\r\n", .literalTooLarge(tag: "a1", size: .max)),
    h("literal size of more than 20 digits", "a1 APPEND INBOX {99999999999999999999999}\r\n", .syntax(tag: "a1")),
    h("binary literal of 1 TB", "a1 APPEND INBOX ~{1099511627776}\r\n", .literalTooLarge(tag: "a1", size: 1_099_511_627_776)),
    h("literal header missing digits", "a1 LOGIN {} x\r\n", .syntax(tag: "a1")),
    h("command longer than the limit", "a1 LOGIN " + String(repeating: "x", count: 70_000) + " y\r\n", .lineTooLong(tag: "a1")),
    h("line without end longer than the limit", "a1 NOOP " + String(repeating: "x", count: 70_000), .lineTooLong(tag: "a1")),
    // Mailbox names
    h("unterminated modified UTF-7", "a1 SELECT &Jjo\r\n", .invalidMailboxName(tag: "a1")),
    h("modified UTF-7 encoding ASCII", "a1 SELECT &AGE-\r\n", .invalidMailboxName(tag: "a1")),
    h("bad base64 in modified UTF-7", "a1 SELECT &!!-\r\n", .invalidMailboxName(tag: "a1")),
    h("unpaired surrogate in modified UTF-7", "a1 SELECT &2D0-\r\n", .invalidMailboxName(tag: "a1")),
    h("invalid UTF-8 mailbox", bytes: Array(wire: "a1 SELECT \"") + [0xFF, 0xFE] + Array(wire: "\"\r\n"), .invalidMailboxName(tag: "a1")),
    // Other arguments
    h("unknown STORE item", "a1 STORE 1 +FLAGZ (\\Seen)\r\n", .syntax(tag: "a1")),
    h("unknown STATUS item", "a1 STATUS INBOX (FOO)\r\n", .syntax(tag: "a1")),
    h("empty STATUS list", "a1 STATUS INBOX ()\r\n", .syntax(tag: "a1")),
    h("invalid base64 initial response", "a1 AUTHENTICATE PLAIN !!!!\r\n", .syntax(tag: "a1")),
    h("base64 of wrong length", "a1 AUTHENTICATE PLAIN abc\r\n", .syntax(tag: "a1")),
    h("unknown SELECT parameter", "a1 SELECT INBOX (FOO)\r\n", .syntax(tag: "a1")),
    h("CREATE with unknown parameter", "a1 CREATE x (FOO (\\Drafts))\r\n", .syntax(tag: "a1")),
]

@Suite("Hostile input")
struct HostileInputTests {
    @Test("at least 50 hostile inputs")
    func count() {
        #expect(hostile.count >= 50)
    }

    @Test("each produces the right typed error, whole and byte by byte", arguments: hostile)
    func rejects(_ fixture: HostileFixture) {
        // Byte-by-byte feeding of 70 KB is slow in debug builds; two random splits are enough there.
        let chunkings = fixture.wire.count > 10_000
            ? [[fixture.wire.count], [fixture.wire.count / 3, fixture.wire.count - fixture.wire.count / 3]]
            : chunkings(count: fixture.wire.count, randomRuns: 2)
        for chunks in chunkings {
            let events = commandEvents(fixture.wire, chunks: chunks)
            #expect(fixture.outcome.matches(events), "chunks \(chunks.count): \(events)")
        }
    }

    @Test("the parser recovers: the next command parses", arguments: hostile.filter { $0.outcome != .incomplete && $0.wire.last == UInt8(ascii: "\n") && !$0.name.contains("non-synchronizing") })
    func recovers(_ fixture: HostileFixture) {
        let wire = fixture.wire + Array(wire: "z9 NOOP\r\n")
        let events = commandEvents(wire, chunks: [wire.count])
        #expect(events.last == .command(TaggedCommand(tag: "z9", command: .noop)))
    }
}
