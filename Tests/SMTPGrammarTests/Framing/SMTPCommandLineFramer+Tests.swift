import NIOCore
import Testing

@testable import SMTPGrammar

/// What the framer made of a stream: lines as text, errors as `!kind`.
private func frame(
    _ pieces: [[UInt8]],
    strictness: SMTPParserOptions.Strictness = .lenient,
    limit: Int = 512
) -> [String] {
    var framer = SMTPCommandLineFramer(strictness: strictness, maximumLineLength: limit)
    var buffer = ByteBuffer()
    var output: [String] = []
    for piece in pieces {
        buffer.writeBytes(piece)
        while true {
            do throws(SMTPCommandError) {
                guard let frame = try framer.next(&buffer) else { break }
                output.append(String(buffer: frame.line) + (frame.endedWithBareLineFeed ? "(LF)" : ""))
            } catch {
                output.append("!\(error.kind)")
            }
        }
    }
    return output
}

@Suite("SMTPCommandLineFramer")
struct SMTPCommandLineFramerTests {
    @Test("pipelined lines come out one by one, in every split")
    func pipelined() {
        let wire = "EHLO x\r\nMAIL FROM:<>\r\nRCPT TO:<a@b>\r\nDATA\r\npartial"
        for pieces in Splits.of(Array(wire)) {
            #expect(frame(pieces) == ["EHLO x", "MAIL FROM:<>", "RCPT TO:<a@b>", "DATA"])
        }
    }

    @Test("a bare LF ends a line in lenient mode and is an error in strict mode")
    func bareLineFeed() {
        for pieces in Splits.of(Array("NOOP\nQUIT\r\n")) {
            #expect(frame(pieces) == ["NOOP(LF)", "QUIT"])
            #expect(frame(pieces, strictness: .strict) == ["!bareLineFeed", "QUIT"])
        }
    }

    @Test("an overlong line is dropped with bounded memory and reported at its end, in order")
    func overlong() {
        let wire = Array("NOOP\r\n") + Array(repeating: UInt8(ascii: "x"), count: 5000) + Array("\r\nQUIT\r\n")
        for pieces in Splits.of(wire) {
            #expect(frame(pieces, limit: 512) == ["NOOP", "!lineTooLong", "QUIT"])
        }
    }

    @Test("the limit counts CRLF: 510 octets pass, 511 do not")
    func limit() {
        let ok = String(repeating: "y", count: 510)
        #expect(frame([Array(ok + "\r\n")]) == [ok])
        #expect(frame([Array(ok + "y\r\n")]) == ["!lineTooLong"])
    }

    @Test("a buffer emptied by the session (STARTTLS) does not confuse the framer")
    func emptied() throws {
        var framer = SMTPCommandLineFramer()
        var buffer = ByteBuffer(string: "STARTTLS-pipelined-garbage")
        #expect(try framer.next(&buffer) == nil)
        buffer.clear()
        buffer.writeString("EHLO x\r\n")
        #expect(try framer.next(&buffer)?.line == ByteBuffer(string: "EHLO x"))
    }
}
