import NIOCore
import Testing

@testable import SMTPGrammar

private struct ReplyCase: Sendable, CustomTestStringConvertible {
    var reply: SMTPReply
    var wire: String
    var testDescription: String { self.wire.visible }
}

private let encodeCases: [ReplyCase] = [
    .init(reply: .init(code: 250, text: "OK"), wire: "250 OK\r\n"),
    .init(reply: .init(code: 250, enhancedStatus: .init(2, 1, 0), text: "Sender OK"), wire: "250 2.1.0 Sender OK\r\n"),
    .init(reply: .init(code: 250, text: ""), wire: "250\r\n"),
    .init(
        reply: .init(code: 354, text: "End data with <CR><LF>.<CR><LF>"),
        wire: "354 End data with <CR><LF>.<CR><LF>\r\n"
    ),
    .init(
        reply: .init(code: 250, lines: ["mx.example.org", "PIPELINING", "SIZE 52428800", "8BITMIME"]),
        wire: "250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 52428800\r\n250 8BITMIME\r\n"
    ),
    .init(
        reply: .init(code: 550, enhancedStatus: .init(5, 1, 1), lines: ["No such user", "here"]),
        wire: "550-5.1.1 No such user\r\n550 5.1.1 here\r\n"
    ),
    .init(reply: .init(code: 250, lines: ["", "last"]), wire: "250-\r\n250 last\r\n"),
    .init(
        reply: .init(code: 452, enhancedStatus: .init(4, 5, 3), text: "Too many recipients"),
        wire: "452 4.5.3 Too many recipients\r\n"
    ),
    .init(reply: .init(code: 221, enhancedStatus: .init(2, 0, 0), text: ""), wire: "221 2.0.0\r\n"),
]

/// Replies as servers send them that do not come back byte for byte from the encoder.
private let parseOnlyCases: [ReplyCase] = [
    .init(reply: .init(code: 220, text: "mx.example.org ESMTP"), wire: "220 mx.example.org ESMTP\n"),
    .init(reply: .init(code: 250, text: "5.1.1 looks like a code"), wire: "250 5.1.1 looks like a code\r\n"),
    .init(
        reply: .init(code: 550, enhancedStatus: .init(5, 7, 1), lines: ["first", "second without code"]),
        wire: "550-5.7.1 first\r\n550 second without code\r\n"
    ),
    .init(reply: .init(code: 250, text: "ünïcode text"), wire: "250 ünïcode text\r\n"),
    .init(reply: .init(code: 250, text: "5.1.1"), wire: "250 5.1.1\r\n"),
    .init(reply: .init(code: 250, text: "2.0"), wire: "250 2.0\r\n"),
]

@Suite("SMTPReply")
struct SMTPReplyTests {
    @Test("value → wire", arguments: encodeCases)
    fileprivate func encode(_ row: ReplyCase) {
        var buffer = ByteBuffer()
        buffer.writeSMTPReply(row.reply)
        #expect(String(buffer: buffer) == row.wire)
    }

    @Test("wire → value, in every split", arguments: encodeCases + parseOnlyCases)
    fileprivate func parse(_ row: ReplyCase) throws {
        for pieces in Splits.of(Array(row.wire)) {
            var parser = SMTPReplyParser()
            var buffer = ByteBuffer()
            var replies: [SMTPReply] = []
            for piece in pieces {
                buffer.writeBytes(piece)
                while let reply = try parser.parse(&buffer) { replies.append(reply) }
            }
            #expect(replies == [row.reply])
            #expect(buffer.readableBytes == 0)
        }
    }

    @Test("pipelined replies come out one by one, in every split")
    func pipelined() throws {
        let wire = "250 2.1.0 OK\r\n250 2.1.5 OK\r\n550 5.1.1 unknown\r\n354 go ahead\r\n"
        let expected: [SMTPReply] = [
            .init(code: 250, enhancedStatus: .init(2, 1, 0), text: "OK"),
            .init(code: 250, enhancedStatus: .init(2, 1, 5), text: "OK"),
            .init(code: 550, enhancedStatus: .init(5, 1, 1), text: "unknown"),
            .init(code: 354, text: "go ahead"),
        ]
        for pieces in Splits.of(Array(wire)) {
            var parser = SMTPReplyParser()
            var buffer = ByteBuffer()
            var replies: [SMTPReply] = []
            for piece in pieces {
                buffer.writeBytes(piece)
                while let reply = try parser.parse(&buffer) { replies.append(reply) }
            }
            #expect(replies == expected)
        }
    }

    @Test("LMTP answers DATA with one ordinary reply per recipient")
    func lmtpPerRecipient() throws {
        var buffer = ByteBuffer(string: "250 2.0.0 <a@x> delivered\r\n452 4.2.2 <b@x> over quota\r\n")
        var parser = SMTPReplyParser()
        #expect(try parser.parse(&buffer)?.code == 250)
        #expect(try parser.parse(&buffer)?.enhancedStatus == .init(4, 2, 2))
        #expect(try parser.parse(&buffer) == nil)
    }

    @Test("enhanced status codes parse and print", arguments: ["2.0.0", "5.1.1", "4.7.0", "5.999.999", "5.01.1"])
    func enhanced(_ text: String) throws {
        let code = try #require(EnhancedStatusCode(parsing: Substring(text)))
        #expect(EnhancedStatusCode(parsing: Substring(code.description)) == code)
    }

    @Test(
        "not enhanced status codes",
        arguments: ["3.0.0", "5.1", "5.1.1.1", "5.1000.1", "5..1", "x.1.1", "5.1.a", ""]
    )
    func notEnhanced(_ text: String) {
        #expect(EnhancedStatusCode(parsing: Substring(text)) == nil)
    }

    @Test("CR, LF and NUL in reply text become spaces, so quoted peer input cannot forge a reply")
    func sanitized() {
        var buffer = ByteBuffer()
        buffer.writeSMTPReply(SMTPReply(code: 550, enhancedStatus: .init(5, 1, 1), text: "<a\r\n250 OK\0>"))
        #expect(String(buffer: buffer) == "550 5.1.1 <a  250 OK >\r\n")
    }
}
