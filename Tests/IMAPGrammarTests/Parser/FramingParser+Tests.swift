import NIOCore
import Testing

@testable import IMAPGrammar

private func frames(_ wire: String, limits: IMAPLimits = IMAPLimits(), chunks: [Int]? = nil) -> [FramingParser.Event] {
    let bytes = Array(wire.utf8)
    var framer = FramingParser(limits: limits)
    var events: [FramingParser.Event] = []
    var offset = 0
    for size in chunks ?? [bytes.count] {
        framer.append(ByteBuffer(bytes: bytes[offset..<offset + size]))
        offset += size
        while let event = framer.nextEvent() { events.append(event) }
    }
    return events
}

private func frame(_ text: String) -> FramingParser.Event { .frame(ByteBuffer(string: text)) }

@Suite("Framing parser")
struct FramingParserTests {
    @Test("frames, continuations and limits, in every split", arguments: [
        ("a NOOP\r\n", [frame("a NOOP\r\n")]),
        ("a NOOP\r\nb NOOP\n", [frame("a NOOP\r\n"), frame("b NOOP\n")]),
        ("a LOGIN {5}\r\nalice x\r\n", [.continuationRequest(literalSize: 5), frame("a LOGIN {5}\r\nalice x\r\n")]),
        ("a LOGIN {5+}\r\nalice x\r\n", [frame("a LOGIN {5+}\r\nalice x\r\n")]),
        ("a APPEND x ~{2}\r\n\r\n\r\n", [.continuationRequest(literalSize: 2), frame("a APPEND x ~{2}\r\n\r\n\r\n")]),
        ("a APPEND x {0}\r\n\r\n", [.continuationRequest(literalSize: 0), frame("a APPEND x {0}\r\n\r\n")]),
        ("a LOGIN \"{5}\" x\r\n", [frame("a LOGIN \"{5}\" x\r\n")]),
        ("a X {5}\r\n{3}\r\n\r\n", [.continuationRequest(literalSize: 5), frame("a X {5}\r\n{3}\r\n\r\n")]),
        ("a APPEND x {00000000000000000005}\r\nhello\r\n", [.continuationRequest(literalSize: 5), frame("a APPEND x {00000000000000000005}\r\nhello\r\n")]),
        // More than 20 digits announce nothing, also when the line is being discarded and its head is gone.
        ("a APPEND x {000000000000000000005}\r\nhello\r\n", [frame("a APPEND x {000000000000000000005}\r\n"), frame("hello\r\n")]),
        ("a " + String(repeating: "x", count: 60) + " {" + String(repeating: "0", count: 30) + "3+}\r\nabc\r\nb NOOP\r\n",
         [.lineTooLong(tag: "a"), frame("abc\r\n"), frame("b NOOP\r\n")]),
        ("a APPEND x {101}\r\nb NOOP\r\n", [.literalTooLarge(tag: "a", size: 101, limit: 100, synchronizing: true), frame("b NOOP\r\n")]),
        ("a APPEND x {101+}\r\n" + String(repeating: "z", count: 101) + " {2+}\r\nzz\r\nb NOOP\r\n",
         [.literalTooLarge(tag: "a", size: 101, limit: 100, synchronizing: false), frame("b NOOP\r\n")]),
        ("a " + String(repeating: "x", count: 60) + "\r\nb NOOP\r\n", [.lineTooLong(tag: "a"), frame("b NOOP\r\n")]),
        ("a " + String(repeating: "x", count: 60) + " {3+}\r\nabc\r\nb NOOP\r\n", [.lineTooLong(tag: "a"), frame("b NOOP\r\n")]),
        ("a X {1}\r\nx {1}\r\ny {1}\r\nz\r\nb NOOP\r\n",
         [.continuationRequest(literalSize: 1), .continuationRequest(literalSize: 1), .tooManyLiterals(tag: "a"), frame("z\r\n"), frame("b NOOP\r\n")]),
    ])
    func events(wire: String, expected: [FramingParser.Event]) {
        let limits = IMAPLimits(maximumLineLength: 50, maximumLiteralSize: 100, maximumLiteralsPerCommand: 2)
        for chunks in chunkings(count: wire.utf8.count) {
            #expect(frames(wire, limits: limits, chunks: chunks) == expected, "chunks \(chunks)")
        }
    }

    @Test("a too-large literal is refused before any of its bytes arrive")
    func refusesBeforeBytes() {
        var framer = FramingParser()
        framer.append(ByteBuffer(string: "a1 APPEND INBOX {4294967296}\r\n"))
        #expect(framer.nextEvent() == .literalTooLarge(tag: "a1", size: 4_294_967_296, limit: IMAPDefaults.maximumLiteralSize, synchronizing: true))
        #expect(framer.nextEvent() == nil)
        #expect(framer.bufferedByteCount == 0)
    }

    @Test("a discarded non-synchronizing literal is not buffered")
    func discardsWithoutBuffering() {
        var framer = FramingParser(limits: IMAPLimits(maximumLiteralSize: 10))
        framer.append(ByteBuffer(string: "a1 APPEND INBOX {1000000+}\r\n"))
        #expect(framer.nextEvent() == .literalTooLarge(tag: "a1", size: 1_000_000, limit: 10, synchronizing: false))
        for _ in 0..<100 {
            framer.append(ByteBuffer(repeating: UInt8(ascii: "x"), count: 10_000))
            #expect(framer.nextEvent() == nil)
            #expect(framer.bufferedByteCount == 0)
        }
        framer.append(ByteBuffer(string: "\r\nb NOOP\r\n"))
        #expect(framer.nextEvent() == .frame(ByteBuffer(string: "b NOOP\r\n")))
    }

    @Test("an endless line is not buffered beyond the limit")
    func endlessLine() {
        var framer = FramingParser(limits: IMAPLimits(maximumLineLength: 100))
        framer.append(ByteBuffer(string: "a1 "))
        var reported = 0
        for _ in 0..<1000 {
            framer.append(ByteBuffer(repeating: UInt8(ascii: "x"), count: 1000))
            while let event = framer.nextEvent() {
                #expect(event == .lineTooLong(tag: "a1"))
                reported += 1
            }
            #expect(framer.bufferedByteCount <= 1100)
        }
        #expect(reported == 1)
    }
}

@Suite("Modified UTF-7")
struct ModifiedUTF7Tests {
    @Test("round trip", arguments: [
        ("INBOX", "INBOX"),
        ("A & B", "A &- B"),
        ("日本語", "&ZeVnLIqe-"),
        ("Entwürfe", "Entw&APw-rfe"),
        ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),
        ("😀", "&2D3eAA-"),
        ("", ""),
    ])
    func roundTrip(unicode: String, wire: String) {
        #expect(ModifiedUTF7.encode(unicode) == wire)
        #expect(ModifiedUTF7.decode(Array(wire.utf8)) == unicode)
    }

    @Test("rejects invalid forms", arguments: ["&", "&Jjo", "&AGE-", "&2D0-", "&!!-", "a\u{7F}", "&U,BTF-"])
    func rejects(wire: String) {
        #expect(ModifiedUTF7.decode(Array(wire.utf8)) == nil)
    }
}

@Suite("Base64")
struct Base64Tests {
    @Test("round trip", arguments: ["", "f", "fo", "foo", "foob", "fooba", "foobar", "\0alice\0secret"])
    func roundTrip(text: String) {
        let encoded = Base64.encode(Array(text.utf8))
        #expect(Base64.decode(Array(encoded.utf8)) == Array(text.utf8))
    }

    @Test("rejects", arguments: ["abc", "a===", "Zg=a", "Zh==", "!!!!"])
    func rejects(text: String) {
        #expect(Base64.decode(Array(text.utf8)) == nil)
    }
}
