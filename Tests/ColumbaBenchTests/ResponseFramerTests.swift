import ColumbaBench
import NIOCore
import Testing

@Suite("ResponseFramer")
struct ResponseFramerTests {
    /// A SELECT and a FETCH answer as Dovecot 2.3 sends them, with two literals in one response.
    static let recorded = "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
        + "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.\r\n"
        + "* 3 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 1764395000] UIDs valid\r\n* OK [UIDNEXT 4] Predicted next UID\r\n"
        + "A2 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).\r\n"
        + "* 2 FETCH (UID 2 RFC822.SIZE 24 BODY[HEADER.FIELDS (SUBJECT)] " + literal("Subject: x\r\n\r\n")
        + " BODY[] " + literal("Subject: x\r\n\r\nbody {5}\r\n") + ")\r\n"
        + "A3 OK Fetch completed.\r\n"

    /// `{n}` CRLF and the text: a literal of the text's bytes.
    static func literal(_ text: String) -> String {
        "{\(text.utf8.count)}\r\n" + text
    }

    /// Feeds `text` cut at `cuts` and returns the frames produced, asserting none is left over.
    static func frames(of text: String, cutAt cuts: [Int]) throws -> [String] {
        let bytes = Array(text.utf8)
        var buffer = ByteBuffer()
        var frames: [String] = []
        var start = 0
        for end in cuts + [bytes.count] where end >= start {
            buffer.writeBytes(bytes[start..<end])
            start = end
            while let frame = try ResponseFramer().nextFrame(from: &buffer) {
                frames.append(String(buffer: frame))
            }
        }
        #expect(buffer.readableBytes == 0)
        return frames
    }

    @Test("whole input: one frame per response, literals inside their response")
    func wholeInput() throws {
        let frames = try Self.frames(of: Self.recorded, cutAt: [])
        #expect(frames.count == 9)
        #expect(frames[7].hasPrefix("* 2 FETCH (UID 2"))
        #expect(frames[7].hasSuffix("body {5}\r\n)\r\n"))
        #expect(frames.joined() == Self.recorded)
    }

    @Test("every split point, including inside literals and CRLFs, gives the same frames")
    func everySplit() throws {
        let whole = try Self.frames(of: Self.recorded, cutAt: [])
        for cut in 1..<Self.recorded.utf8.count {
            #expect(try Self.frames(of: Self.recorded, cutAt: [cut]) == whole)
        }
    }

    @Test("byte by byte")
    func byteByByte() throws {
        let frames = try Self.frames(of: Self.recorded, cutAt: Array(1..<Self.recorded.utf8.count))
        #expect(frames == (try Self.frames(of: Self.recorded, cutAt: [])))
    }

    @Test("an incomplete literal waits for more bytes")
    func incompleteLiteral() throws {
        var buffer = ByteBuffer(string: "* 1 FETCH (BODY[] {10}\r\n12345")
        #expect(try ResponseFramer().nextFrame(from: &buffer) == nil)
        #expect(buffer.readableBytes == 29)
    }

    @Test("text ending in braces is not a literal")
    func bracesInText() throws {
        var buffer = ByteBuffer(string: "* OK odd {text}\r\n")
        #expect(try ResponseFramer().nextFrame(from: &buffer) != nil)
    }

    @Test("a bare LF is an error")
    func bareLF() {
        var buffer = ByteBuffer(string: "* OK hi\n")
        #expect(throws: IMAPResponseError.self) { try ResponseFramer().nextFrame(from: &buffer) }
    }

    @Test("a line over the limit is an error, even before its end arrives")
    func lineLimit() {
        let framer = ResponseFramer(maximumLineLength: 16, maximumLiteralSize: 100)
        var complete = ByteBuffer(string: "* OK this line is too long\r\n")
        #expect(throws: IMAPResponseError.self) { try framer.nextFrame(from: &complete) }
        var partial = ByteBuffer(string: "* OK this line is too long")
        #expect(throws: IMAPResponseError.self) { try framer.nextFrame(from: &partial) }
    }

    @Test("a literal over the limit is an error")
    func literalLimit() {
        let framer = ResponseFramer(maximumLineLength: 100, maximumLiteralSize: 100)
        var buffer = ByteBuffer(string: "* 1 FETCH (BODY[] {101}\r\n")
        #expect(throws: IMAPResponseError.self) { try framer.nextFrame(from: &buffer) }
    }
}
