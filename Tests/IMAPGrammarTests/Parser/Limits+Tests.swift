import NIOCore
import Testing

@testable import IMAPGrammar

@Suite("Limits at their boundaries")
struct LimitsTests {
    private func events(_ wire: String, limits: IMAPLimits) -> [CommandParser.Event] {
        commandEvents(Array(wire.utf8), chunks: [wire.utf8.count], limits: limits).filter {
            if case .continuationRequest = $0 { return false }
            return true
        }
    }

    @Test("nesting: the limit is allowed, one more is not")
    func nesting() {
        let limits = IMAPLimits(maximumNestingDepth: 10)
        let ok = "a SEARCH " + String(repeating: "(", count: 10) + "SEEN" + String(repeating: ")", count: 10) + "\r\n"
        #expect(events(ok, limits: limits) == [.command(TaggedCommand(tag: "a", command: .search(SearchCommand(key: .seen))))])
        let deep = "a SEARCH " + String(repeating: "(", count: 11) + "SEEN" + String(repeating: ")", count: 11) + "\r\n"
        #expect(events(deep, limits: limits) == [.bad(BadCommand(tag: "a", kind: .tooMuchRecursion))])
        let nots = "a SEARCH " + String(repeating: "NOT ", count: 10) + "SEEN\r\n"
        guard case .command = events(nots, limits: limits).first else {
            Issue.record("10 NOTs should parse")
            return
        }
        let moreNots = "a SEARCH " + String(repeating: "NOT ", count: 11) + "SEEN\r\n"
        #expect(events(moreNots, limits: limits) == [.bad(BadCommand(tag: "a", kind: .tooMuchRecursion))])
    }

    @Test("literal size: the limit is allowed, one more is refused")
    func literalSize() {
        let limits = IMAPLimits(maximumLiteralSize: 8)
        #expect(events("a LOGIN {8}\r\n12345678 x\r\n", limits: limits)
            == [.command(TaggedCommand(tag: "a", command: .login(username: "12345678", password: "x")))])
        #expect(events("a LOGIN {9}\r\n", limits: limits) == [.bad(BadCommand(tag: "a", kind: .literalTooLarge(9)))])
    }

    @Test("only APPEND may send message-sized literals")
    func nonMessageLiterals() {
        var parser = CommandParser()
        parser.append(ByteBuffer(string: "a1 LOGIN {70000}\r\n"))
        #expect(parser.nextEvent() == .bad(BadCommand(tag: "a1", kind: .literalTooLarge(70000))))
        parser.append(ByteBuffer(string: "a2 append INBOX {70000}\r\n"))
        #expect(parser.nextEvent() == .continuationRequest(literalSize: 70000))
        var grammarOnly = ByteBuffer(string: "a3 LOGIN {70000}\r\n" + String(repeating: "x", count: 70000) + " y\r\n")
        #expect(throws: BadCommand(tag: "a3", kind: .literalTooLarge(70000))) {
            try CommandParser.parseCommand(from: &grammarOnly)
        }
    }

    @Test("line length: the limit is allowed, one more is refused")
    func lineLength() {
        let line = "a LOGIN " + String(repeating: "u", count: 10) + " p\r\n"
        let exact = IMAPLimits(maximumLineLength: line.utf8.count)
        #expect(events(line, limits: exact) == [.command(TaggedCommand(tag: "a", command: .login(username: "uuuuuuuuuu", password: "p")))])
        let short = IMAPLimits(maximumLineLength: line.utf8.count - 1)
        #expect(events(line, limits: short) == [.bad(BadCommand(tag: "a", kind: .lineTooLong))])
    }

    @Test("each line of a command is measured on its own")
    func linesBetweenLiterals() {
        let limits = IMAPLimits(maximumLineLength: 20)
        let wire = "a APPEND INBOX {3}\r\nabc {3}\r\ndef {3}\r\nghi\r\n"
        let result = events(wire, limits: limits)
        guard case .command(let command) = result.first, case .append(_, let messages) = command.command else {
            Issue.record("expected APPEND, got \(result)")
            return
        }
        #expect(messages.count == 3)
    }
}

@Suite("Limits that change")
struct ChangingLimitsTests {
    @Test("a raised literal limit applies to the next command, not to one already refused")
    func raisedLimit() {
        var parser = CommandParser(limits: IMAPLimits(maximumLiteralSize: 8, maximumNonMessageLiteralSize: 8))
        parser.append(ByteBuffer(string: "a LOGIN {9}\r\n"))
        #expect(parser.nextEvent() == .bad(BadCommand(tag: "a", kind: .literalTooLarge(9))))
        parser.limits = IMAPLimits(maximumLiteralSize: 100, maximumNonMessageLiteralSize: 100)
        parser.append(ByteBuffer(string: "b LOGIN {9}\r\n"))
        #expect(parser.nextEvent() == .continuationRequest(literalSize: 9))
    }

    @Test("a frame parsed on its own in each mode")
    func parseFrame() {
        let limits = IMAPLimits()
        let options = ParserOptions()
        #expect(CommandParser.parse(frame: ByteBuffer(string: "a NOOP\r\n"), mode: .command, limits: limits, options: options)
            == .command(TaggedCommand(tag: "a", command: .noop)))
        #expect(CommandParser.parse(frame: ByteBuffer(string: "DONE\r\n"), mode: .idle, limits: limits, options: options) == .idleDone)
        #expect(CommandParser.parse(frame: ByteBuffer(string: "*\r\n"), mode: .authenticate, limits: limits, options: options)
            == .authenticationResponse(.cancel))
        guard case .bad(let bad) = CommandParser.parse(frame: ByteBuffer(string: "DONE\r\n"), mode: .command, limits: limits, options: options) else {
            Issue.record("DONE is not a command")
            return
        }
        #expect(bad.tag == "DONE")
    }
}
