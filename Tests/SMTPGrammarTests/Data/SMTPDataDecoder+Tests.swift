import NIOCore
import Testing

@testable import SMTPGrammar

private struct DataCase: Sendable, CustomTestStringConvertible {
    var wire: String
    var content: String
    var bareLineEndings = 0
    var rest = ""
    var testDescription: String { self.wire.visible }
}

private let dataCases: [DataCase] = [
    .init(wire: ".\r\n", content: ""),
    .init(wire: "Hello\r\n.\r\n", content: "Hello\r\n"),
    .init(wire: "\r\n.\r\n", content: "\r\n"),
    .init(wire: "Subject: x\r\n\r\nbody\r\n.\r\n", content: "Subject: x\r\n\r\nbody\r\n"),
    .init(wire: "..dot\r\n.\r\n", content: ".dot\r\n"),
    .init(wire: "a\r\n..\r\n.\r\n", content: "a\r\n.\r\n"),
    .init(wire: "a\r\n...\r\n.\r\n", content: "a\r\n..\r\n"),
    .init(wire: "a\r\n.b\r\n.\r\n", content: "a\r\nb\r\n"),
    .init(wire: "a\r\n.\r\nMAIL FROM:<>\r\n", content: "a\r\n", rest: "MAIL FROM:<>\r\n"),
    .init(wire: "a\r\n.\r\n.\r\n", content: "a\r\n", rest: ".\r\n"),
    .init(wire: "a\n.\nb\r\n.\r\n", content: "a\n.\nb\r\n", bareLineEndings: 2),
    .init(wire: "a\r.\rb\r\n.\r\n", content: "a\r.\rb\r\n", bareLineEndings: 2),
    .init(wire: "a\n.\r\nb\r\n.\r\n", content: "a\n.\r\nb\r\n", bareLineEndings: 1),
    .init(wire: "a\r\n.\nb\r\n.\r\n", content: "a\r\n\nb\r\n", bareLineEndings: 1),
    .init(wire: "a\r\n.\rb\r\n.\r\n", content: "a\r\n\rb\r\n", bareLineEndings: 1),
    .init(wire: "a\r\r\n.\r\n", content: "a\r\r\n", bareLineEndings: 1),
    .init(wire: "a\r\n.\r\r\n.\r\n", content: "a\r\n\r\r\n", bareLineEndings: 1),
    .init(wire: "8bit \u{00e9}\0nul\r\n.\r\n", content: "8bit \u{00e9}\0nul\r\n"),
]

@Suite("SMTPDataDecoder")
struct SMTPDataDecoderTests {
    @Test("dot-unstuffing and CRLF.CRLF only, in every split", arguments: dataCases)
    fileprivate func decode(_ row: DataCase) throws {
        for pieces in Splits.of(Array(row.wire)) {
            let (content, summary, rest) = decodeData(pieces, policy: .keep)
            #expect(content == Array(row.content))
            let end = try #require(summary)
            #expect(end.size == row.content.utf8.count)
            #expect(end.bareLineEndings == row.bareLineEndings)
            #expect(end.rejection == nil)
            #expect(rest == Array(row.rest))
        }
    }

    @Test("the reject policy refuses bare line ends with 550 5.6.0, after reading to the end", arguments: dataCases)
    fileprivate func rejectPolicy(_ row: DataCase) throws {
        let (_, summary, rest) = decodeData([Array(row.wire)], policy: .reject)
        let end = try #require(summary)
        #expect((end.rejection?.code == 550) == (row.bareLineEndings > 0))
        #expect(rest == Array(row.rest))
    }

    @Test("too big: content stops at the maximum, reading goes on to the end, 552 5.3.4")
    func tooBig() throws {
        let body = String(repeating: "0123456789\r\n", count: 100)
        for pieces in Splits.of(Array(body + ".\r\nQUIT\r\n")) {
            let (content, summary, rest) = decodeData(pieces, maximumSize: 50)
            let end = try #require(summary)
            #expect(content == Array(body.utf8.prefix(50)))
            #expect(end.size == 1200)
            #expect(end.exceededMaximumSize)
            #expect(
                end.rejection
                    == SMTPReply(
                        code: 552,
                        enhancedStatus: .init(5, 3, 4),
                        text: "Message size exceeds fixed maximum message size"
                    )
            )
            #expect(rest == Array("QUIT\r\n"))
        }
    }
}

private struct EncodeCase: Sendable, CustomTestStringConvertible {
    var message: String
    var normalized: String
    var preserved: String
    var testDescription: String { self.message.visible }
}

private let encodeCases: [EncodeCase] = [
    .init(message: "", normalized: ".\r\n", preserved: ".\r\n"),
    .init(message: "a", normalized: "a\r\n.\r\n", preserved: "a\r\n.\r\n"),
    .init(message: "a\r\n", normalized: "a\r\n.\r\n", preserved: "a\r\n.\r\n"),
    .init(message: ".a\r\n.\r\n", normalized: "..a\r\n..\r\n.\r\n", preserved: "..a\r\n..\r\n.\r\n"),
    .init(message: "a\n.\nb", normalized: "a\r\n..\r\nb\r\n.\r\n", preserved: "a\n.\nb\r\n.\r\n"),
    .init(message: "a\r.b", normalized: "a\r\n..b\r\n.\r\n", preserved: "a\r.b\r\n.\r\n"),
    .init(message: "a\r", normalized: "a\r\n.\r\n", preserved: "a\r\r\n.\r\n"),
    .init(message: "a\n", normalized: "a\r\n.\r\n", preserved: "a\n\r\n.\r\n"),
    .init(message: "x\r\n\r\n.", normalized: "x\r\n\r\n..\r\n.\r\n", preserved: "x\r\n\r\n..\r\n.\r\n"),
]

@Suite("SMTPDataEncoder")
struct SMTPDataEncoderTests {
    @Test("dot-stuffing, final CRLF, bare line ends, in every split", arguments: encodeCases)
    fileprivate func encode(_ row: EncodeCase) {
        for (lineEndings, expected) in [
            (SMTPDataEncoder.LineEndings.normalize, row.normalized), (.preserve, row.preserved),
        ] {
            for pieces in Splits.of(Array(row.message)) {
                var encoder = SMTPDataEncoder(lineEndings: lineEndings)
                var output = ByteBuffer()
                for piece in pieces { encoder.encode(ByteBuffer(bytes: piece), into: &output) }
                encoder.finish(into: &output)
                #expect(String(buffer: output) == expected)
            }
        }
    }

    @Test("normalised output decodes to the message with CRLF line ends and no bare ones", arguments: encodeCases)
    fileprivate func roundTrip(_ row: EncodeCase) throws {
        var encoder = SMTPDataEncoder()
        var output = ByteBuffer()
        encoder.encode(ByteBuffer(string: row.message), into: &output)
        encoder.finish(into: &output)
        let (content, summary, rest) = decodeData([Array(output.readableBytesView)])
        let end = try #require(summary)
        #expect(end.bareLineEndings == 0)
        #expect(end.rejection == nil)
        #expect(rest.isEmpty)
        // Decoding gives the normalised message: the encoder's output less ".\r\n", unstuffed.
        #expect(content == unstuffed(Array(row.normalized.utf8.dropLast(3))))
    }
}

/// Undoes dot-stuffing the simple way (a "." after CRLF or at the start is dropped), to check the
/// decoder against the encoder.
private func unstuffed(_ bytes: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    var atLineStart = true
    for byte in bytes {
        if atLineStart && byte == UInt8(ascii: ".") {
            atLineStart = false
            continue
        }
        output.append(byte)
        atLineStart = byte == 10 && output.dropLast().last == 13
    }
    return output
}
