import ManageSieveGrammar
import NIOCore
import Testing

@Suite("FramingParser")
struct FramingParserTests {
    struct Fixture: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var events: [FramingEvent]
        var testDescription: String { name }
    }

    static let limits = ManageSieveLimits(maximumLineLength: 40, maximumLiteralSize: 16, maximumLiterals: 2)

    static func frame(_ text: String) -> FramingEvent { .frame(Array(text.utf8)) }

    static let fixtures: [Fixture] = [
        Fixture(name: "one line", input: "NOOP\r\n", events: [frame("NOOP")]),
        Fixture(name: "bare LF", input: "NOOP\nLOGOUT\n", events: [frame("NOOP"), frame("LOGOUT")]),
        Fixture(name: "literal inside the frame", input: "PUTSCRIPT \"a\" {7+}\r\nkeep;\r\n\r\nNOOP\r\n",
                events: [frame("PUTSCRIPT \"a\" {7+}\r\nkeep;\r\n"), frame("NOOP")]),
        Fixture(name: "synchronizing form read the same way", input: "CHECKSCRIPT {2}\r\nab\r\n",
                events: [frame("CHECKSCRIPT {2}\r\nab")]),
        Fixture(name: "two literals", input: "RENAMESCRIPT {1+}\r\na {1+}\r\nb\r\n",
                events: [frame("RENAMESCRIPT {1+}\r\na {1+}\r\nb")]),
        Fixture(name: "empty literal", input: "NOOP {0+}\r\n\r\n", events: [frame("NOOP {0+}\r\n")]),
        Fixture(name: "a literal may hold a literal marker", input: "NOOP {7+}\r\n{99+}\r\n\r\n",
                events: [frame("NOOP {7+}\r\n{99+}\r\n")]),
        Fixture(name: "line over the limit", input: "NOOP \"" + String(repeating: "x", count: 50) + "\"\r\nNOOP\r\n",
                events: [.lineTooLong, frame("NOOP")]),
        Fixture(name: "line over the limit without its end", input: String(repeating: "x", count: 60) + "\r\nNOOP\r\n",
                events: [.lineTooLong, frame("NOOP")]),
        Fixture(name: "literal over the limit is dropped with the rest of its line",
                input: "PUTSCRIPT \"a\" {20+}\r\n" + String(repeating: "y", count: 20) + " trailing\r\nNOOP\r\n",
                events: [.literalTooLarge(size: 20, limit: 16), frame("NOOP")]),
        Fixture(name: "literal over 32 bits", input: "NOOP {4294967296+}\r\n",
                events: [.literalTooLarge(size: nil, limit: 16)]),
        Fixture(name: "too many literals", input: "X {1+}\r\na {1+}\r\nb {1+}\r\nc\r\nNOOP\r\n",
                events: [.tooManyLiterals, frame("NOOP")]),
        Fixture(name: "marker not at the end is text", input: "NOOP {1+} x\r\n", events: [frame("NOOP {1+} x")]),
    ]

    @Test("frames", arguments: fixtures)
    func frames(_ fixture: Fixture) {
        #expect(Self.run(fixture.input, chunk: fixture.input.utf8.count) == fixture.events)
    }

    @Test("frames, fed in chunks of every size", arguments: fixtures)
    func chunked(_ fixture: Fixture) {
        for chunk in 1..<max(2, fixture.input.utf8.count) {
            #expect(Self.run(fixture.input, chunk: chunk) == fixture.events, "chunk size \(chunk)")
        }
    }

    @Test("reset drops buffered bytes and a half-read literal")
    func reset() {
        var parser = FramingParser(limits: Self.limits)
        parser.append(ByteBuffer(string: "PUTSCRIPT \"a\" {10+}\r\nabc"))
        #expect(parser.nextEvent() == nil)
        parser.reset()
        #expect(parser.bufferedByteCount == 0)
        parser.append(ByteBuffer(string: "NOOP\r\n"))
        #expect(parser.nextEvent() == Self.frame("NOOP"))
    }

    @Test("a refused literal is dropped as it arrives, not buffered")
    func discardIsBounded() {
        var parser = FramingParser(limits: Self.limits)
        parser.append(ByteBuffer(string: "PUTSCRIPT \"a\" {100000+}\r\n"))
        #expect(parser.nextEvent() == .literalTooLarge(size: 100_000, limit: 16))
        for _ in 0..<99 {
            parser.append(ByteBuffer(string: String(repeating: "z", count: 1000)))
            #expect(parser.nextEvent() == nil)
            #expect(parser.bufferedByteCount == 0)
        }
        parser.append(ByteBuffer(string: String(repeating: "z", count: 1000) + "\r\nNOOP\r\n"))
        #expect(parser.nextEvent() == Self.frame("NOOP"))
    }

    private static func run(_ input: String, chunk: Int) -> [FramingEvent] {
        var parser = FramingParser(limits: limits)
        var events: [FramingEvent] = []
        let bytes = Array(input.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunk, bytes.count)
            parser.append(ByteBuffer(bytes: bytes[offset..<end]))
            while let event = parser.nextEvent() { events.append(event) }
            offset = end
        }
        return events
    }
}
