import NIOCore
import Testing

@testable import SMTPGrammar

@Suite("SMTPCapabilities")
struct SMTPCapabilitiesTests {
    private let wire =
        "250-mx.example.org Hello client.example [192.0.2.7]\r\n250-PIPELINING\r\n250-SIZE 52428800\r\n"
        + "250-auth PLAIN login\r\n250-AUTH=LOGIN PLAIN\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n"
        + "250-DSN\r\n250-CHUNKING\r\n250 SMTPUTF8\r\n"

    @Test("an EHLO reply read by the client, in every split")
    func parse() throws {
        for pieces in Splits.of(Array(self.wire)) {
            var parser = SMTPReplyParser()
            var buffer = ByteBuffer()
            var reply: SMTPReply?
            for piece in pieces {
                buffer.writeBytes(piece)
                if let parsed = try parser.parse(&buffer) { reply = parsed }
            }
            let parsed = try #require(reply)
            let capabilities = try #require(SMTPCapabilities(reply: parsed))
            #expect(capabilities.domain == "mx.example.org")
            #expect(capabilities.greeting == "Hello client.example [192.0.2.7]")
            #expect(
                capabilities.extensions.map(\.keyword) == [
                    "PIPELINING", "SIZE", "AUTH", "ENHANCEDSTATUSCODES", "8BITMIME", "DSN", "CHUNKING", "SMTPUTF8",
                ]
            )
            #expect(capabilities.maximumMessageSize == 52_428_800)
            #expect(capabilities.authenticationMechanisms == ["PLAIN", "LOGIN"])
            #expect(capabilities.supports("chunking"))
            #expect(!capabilities.supports("STARTTLS"))
        }
    }

    @Test("the server's capability list as a reply")
    func encode() {
        let capabilities = SMTPCapabilities(
            domain: "mx.example.org",
            extensions: [.init("PIPELINING"), .init("SIZE", ["1000"]), .init("STARTTLS")]
        )
        var buffer = ByteBuffer()
        buffer.writeSMTPReply(capabilities.reply)
        #expect(String(buffer: buffer) == "250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250 STARTTLS\r\n")
        #expect(SMTPCapabilities(reply: capabilities.reply) == capabilities)
    }

    @Test("only a 250 lists capabilities; a one-line 250 lists none")
    func edges() {
        #expect(SMTPCapabilities(reply: .init(code: 502, enhancedStatus: .init(5, 5, 1), text: "no EHLO")) == nil)
        #expect(SMTPCapabilities(reply: .init(code: 250, text: "mx.example.org"))?.extensions == [])
        #expect(SMTPCapabilities(reply: .init(code: 250, text: "mx.example.org"))?.maximumMessageSize == nil)
    }
}
