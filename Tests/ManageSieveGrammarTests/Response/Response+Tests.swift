import ManageSieveGrammar
import NIOCore
import Testing

@Suite("Response encoding")
struct ResponseEncodingTests {
    static let responses: [(ManageSieveResponse, String)] = [
        (.ok(), "OK\r\n"),
        (.ok("Logged in."), "OK \"Logged in.\"\r\n"),
        (.ok("Logged in.", code: .sasl("dj1x")), "OK (SASL \"dj1x\") \"Logged in.\"\r\n"),
        (.ok("Done.", code: .tag("a\"b")), "OK (TAG \"a\\\"b\") \"Done.\"\r\n"),
        (.no("No such script.", code: .nonexistent), "NO (NONEXISTENT) \"No such script.\"\r\n"),
        (.no(code: .quotaMaxSize), "NO (QUOTA/MAXSIZE)\r\n"),
        (.no("two\r\nlines"), "NO {10}\r\ntwo\r\nlines\r\n"),
        (.bye("Bye \\ now."), "BYE \"Bye \\\\ now.\"\r\n"),
    ]

    @Test("responses", arguments: responses)
    func response(_ response: ManageSieveResponse, _ wire: String) {
        var buffer = ByteBuffer()
        buffer.writeResponse(response)
        #expect(String(buffer: buffer) == wire)
    }

    @Test("strings: quoted up to 1024 octets of text, literals otherwise")
    func strings() {
        var buffer = ByteBuffer()
        buffer.writeManageSieveString(String(repeating: "a", count: 1024))
        #expect(buffer.readableBytes == 1026)
        buffer.clear()
        buffer.writeManageSieveString(String(repeating: "a", count: 1025))
        #expect(String(buffer: buffer).hasPrefix("{1025}\r\naaa"))
        buffer.clear()
        buffer.writeManageSieveString([0xFF])
        #expect(Array(buffer.readableBytesView) == Array("{1}\r\n".utf8) + [0xFF])
    }

    @Test("capabilities and script listings")
    func lines() {
        var buffer = ByteBuffer()
        buffer.writeCapability(Capability("SIEVE", "fileinto vacation"))
        buffer.writeCapability(Capability("STARTTLS"))
        buffer.writeScriptListing(ScriptListing(name: "main", isActive: true))
        buffer.writeScriptListing(ScriptListing(name: "spare", isActive: false))
        #expect(String(buffer: buffer) == "\"SIEVE\" \"fileinto vacation\"\r\n\"STARTTLS\"\r\n\"main\" ACTIVE\r\n\"spare\"\r\n")
    }
}
