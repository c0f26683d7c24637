import Foundation
import MailTesting
import Testing

/// Malformed and hostile LMTP sessions: each is answered within the limits (4096-octet messages,
/// 50 recipients, 20 bad commands), nothing is stored that should not be, and the server keeps
/// serving the same connection or the next one.
@Suite("LMTP hostile input")
struct LMTPHostileInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// Raw bytes sent after LHLO and one good MAIL/RCPT to alice (not sent when `transaction` is false).
        var send: String
        /// Replies expected after those of LHLO, MAIL and RCPT.
        var replies: [String]
        var transaction = true
        /// Messages alice has afterwards.
        var stored = 0
        /// Whether the connection still answers NOOP afterwards (else the server closed it).
        var stillOpen = true
        var testDescription: String { name }
    }

    static let oversize = String(repeating: "x", count: 5000)
    static let cases: [Case] = [
        Case(name: "bare LF before a dot does not end DATA; the message is refused at its real end",
             send: "DATA\r\nSubject: a\r\n\r\nline\n.\nRSET\r\nmore\r\n.\r\n",
             replies: ["354 Start mail input; end with <CRLF>.<CRLF>", "550 5.6.0 Message contains bare CR or LF; lines must end in CRLF"]),
        Case(name: "bare CR around a dot does not end DATA",
             send: "DATA\r\nSubject: a\r\n\r\nline\r.\rQUIT\r\n.\r\n",
             replies: ["354 Start mail input; end with <CRLF>.<CRLF>", "550 5.6.0 Message contains bare CR or LF; lines must end in CRLF"]),
        Case(name: "LF.CRLF does not end DATA",
             send: "DATA\r\nx\n.\r\nNOOP\r\n.\r\n",
             replies: ["354 Start mail input; end with <CRLF>.<CRLF>", "550 5.6.0 Message contains bare CR or LF; lines must end in CRLF"]),
        Case(name: "oversize DATA is read to its end and refused",
             send: "DATA\r\nSubject: big\r\n\r\n\(oversize)\r\n.\r\n",
             replies: ["354 Start mail input; end with <CRLF>.<CRLF>", "552 5.3.4 Message size exceeds fixed maximum message size"]),
        Case(name: "oversize BDAT chunk is consumed and refused",
             send: "BDAT 5000 LAST\r\n\(oversize)",
             replies: ["552 5.3.4 Message size exceeds fixed maximum message size"]),
        Case(name: "BDAT chunks growing past the limit are refused",
             send: "BDAT 3000\r\n\(String(oversize.prefix(3000)))BDAT 3000 LAST\r\n\(String(oversize.prefix(3000)))",
             replies: ["250 2.0.0 3000 octets received", "552 5.3.4 Message size exceeds fixed maximum message size"]),
        Case(name: "BDAT whose size is larger than what precedes the next command takes that command as content",
             send: "BDAT 10 LAST\r\nabcdeNOOP\r\n",
             replies: ["250 2.0.0 <alice@example.test> Saved", "500 5.5.1 unknown command"], stored: 1),
        Case(name: "BDAT with a bad size is a syntax error",
             send: "BDAT ten\r\n",
             replies: ["501 5.5.4 BDAT chunk size must be a decimal number"]),
        Case(name: "DATA before RCPT: the message lines are read as commands",
             send: "MAIL FROM:<a@example.org>\r\nDATA\r\nSubject: x\r\n.\r\n",
             replies: ["250 2.1.0 Sender ok", "503 5.5.1 No valid recipients", "500 5.5.1 unknown command", "500 5.5.1 unknown command"],
             transaction: false),
        Case(name: "a line over the limit is answered once and skipped",
             send: "NOOP \(String(repeating: "y", count: 20000))\r\n",
             replies: ["500 5.5.2 line longer than 8192 octets"]),
        Case(name: "NUL in a command",
             send: "NOOP a\u{0}b\r\n",
             replies: ["500 5.5.2 NUL in command"]),
        Case(name: "pipelined garbage closes the connection after 20 errors",
             send: String(repeating: "GARBAGE\r\n", count: 30),
             replies: Array(repeating: "500 5.5.1 unknown command", count: 20) + ["421 4.7.0 Too many errors, closing connection"],
             transaction: false, stillOpen: false),
    ]

    @Test("hostile session", arguments: cases)
    func hostile(_ hostile: Case) async throws {
        let server = try await LMTPTestServer.start()
        let client = try await server.connect()
        var expected = ["220 mx.example.test LMTP Columba ready"] + Self.lhloReply
        var setup = "LHLO c\r\n"
        if hostile.transaction {
            setup += "MAIL FROM:<a@example.org>\r\nRCPT TO:<alice@example.test>\r\n"
            expected += ["250 2.1.0 Sender ok", "250 2.1.5 Recipient ok"]
        }
        try await client.sendRaw(Array(setup.utf8))
        for line in expected {
            #expect(try await client.readLine() == line)
        }
        try await client.sendRaw(Array(hostile.send.utf8))
        for line in hostile.replies {
            let received = try await client.readLine()
            #expect(received == line)
        }
        if hostile.stillOpen {
            try await client.send("NOOP")
            #expect(try await client.readLine() == "250 2.0.0 Ok")
        } else {
            try await client.waitForClose()
        }
        #expect(try await server.messages("alice@example.test").count == hostile.stored)
        // The server still serves a new connection.
        let next = try await server.connect()
        #expect(try await next.readLine() == "220 mx.example.test LMTP Columba ready")
        try await next.send("QUIT")
        #expect(try await next.readLine() == "221 2.0.0 Bye")
        try await server.stop()
    }

    @Test("1000 pipelined recipients: the first 50 accepted, the rest 452 4.5.3, delivery to the accepted")
    func thousandRecipients() async throws {
        let server = try await LMTPTestServer.start()
        let client = try await server.connect()
        var commands = "LHLO c\r\nMAIL FROM:<a@example.org>\r\n"
        for _ in 0..<1000 { commands += "RCPT TO:<bob@example.test>\r\n" }
        commands += "DATA\r\n"
        try await client.sendRaw(Array(commands.utf8))
        for line in ["220 mx.example.test LMTP Columba ready"] + Self.lhloReply + ["250 2.1.0 Sender ok"] {
            #expect(try await client.readLine() == line)
        }
        var accepted = 0
        var refused = 0
        for _ in 0..<1000 {
            switch try await client.readLine() {
            case "250 2.1.5 Recipient ok": accepted += 1
            case "452 4.5.3 Too many recipients": refused += 1
            default: break
            }
        }
        #expect(accepted == 50 && refused == 950)
        #expect(try await client.readLine() == "354 Start mail input; end with <CRLF>.<CRLF>")
        try await client.sendRaw(Array("Subject: many\r\n\r\nhi\r\n.\r\n".utf8))
        for _ in 0..<50 {
            #expect(try await client.readLine() == "250 2.0.0 <bob@example.test> Saved")
        }
        try await client.send("QUIT")
        #expect(try await client.readLine() == "221 2.0.0 Bye")
        #expect(try await server.messages("bob@example.test").count == 50)
        try await server.stop()
    }

    static let lhloReply = [
        "250-mx.example.test", "250-PIPELINING", "250-ENHANCEDSTATUSCODES", "250-8BITMIME", "250-CHUNKING",
        "250-SIZE 4096", "250-SMTPUTF8", "250 DSN",
    ]
}
