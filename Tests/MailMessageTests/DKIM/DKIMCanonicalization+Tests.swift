import Testing

@testable import MailMessage

@Suite("DKIM canonicalization")
struct DKIMCanonicalizationTests {
    /// RFC 6376 §3.4.5 example.
    @Test("RFC 6376 §3.4.5 headers")
    func headers() {
        #expect(DKIMCanonicalization.relaxed.canonicalizeHeader(Array("A: X\r\n".utf8)) == Array("a:X\r\n".utf8))
        #expect(
            DKIMCanonicalization.relaxed.canonicalizeHeader(Array("B : Y\t\r\n\tZ  \r\n".utf8)) == Array("b:Y Z\r\n".utf8))
        #expect(DKIMCanonicalization.simple.canonicalizeHeader(Array("B : Y\t\r\n\tZ  \r\n".utf8)) == Array("B : Y\t\r\n\tZ  \r\n".utf8))
    }

    @Test("RFC 6376 §3.4.5 body")
    func body() {
        let body = Array(" C \r\nD \t E\r\n\r\n\r\n".utf8)
        #expect(DKIMCanonicalization.relaxed.canonicalizeBody(body) == Array(" C\r\nD E\r\n".utf8))
        #expect(DKIMCanonicalization.simple.canonicalizeBody(body) == Array(" C \r\nD \t E\r\n".utf8))
    }

    @Test("RFC 6376 §3.4.3/§3.4.4 empty bodies")
    func emptyBody() {
        #expect(DKIMCanonicalization.simple.canonicalizeBody([UInt8]()) == Array("\r\n".utf8))
        #expect(DKIMCanonicalization.relaxed.canonicalizeBody([UInt8]()) == [])
        #expect(DKIMCanonicalization.relaxed.canonicalizeBody(Array("\r\n\r\n".utf8)) == [])
    }
}
