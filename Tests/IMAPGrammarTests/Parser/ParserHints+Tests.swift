import NIOCore
import Testing

@testable import IMAPGrammar

/// The hints of syntax errors go into BAD responses: readable, one line, and with the tag only
/// when the tag is whole.
@Suite("Parser hints")
struct ParserHintTests {
    private func bad(_ wire: String) -> BadCommand? {
        var bytes = ByteBuffer(string: wire)
        do {
            _ = try CommandParser.parseCommand(from: &bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test("hints name what was expected", arguments: [
        ("a1 NOOP now\r\n", BadCommand(tag: "a1", kind: .syntax("expected the end of the line"))),
        ("a1\r\n", BadCommand(tag: "a1", kind: .syntax("expected a space"))),
        ("a1 LOGIN alice\r\n", BadCommand(tag: "a1", kind: .syntax("expected a space"))),
        ("a1 STATUS INBOX MESSAGES\r\n", BadCommand(tag: "a1", kind: .syntax("expected \"(\""))),
        ("a\u{E9} NOOP\r\n", BadCommand(tag: nil, kind: .invalidTag)),
    ])
    func hints(wire: String, expected: BadCommand) {
        #expect(bad(wire) == expected)
    }
}
