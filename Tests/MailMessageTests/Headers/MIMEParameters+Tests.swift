import Testing

@testable import MailMessage

@Suite("Content-Type and RFC 2231 parameters")
struct MIMEParametersTests {
    @Test("RFC 2231 §3-§4 continuation with charset and language")
    func rfc2231Continuation() {
        let value = "application/x-stuff;\r\n title*0*=us-ascii'en'This%20is%20even%20more%20;\r\n title*1*=%2A%2A%2Afun%2A%2A%2A%20;\r\n title*2=\"isn't it!\""
        let type = ContentType(parsing: Array(value.utf8))
        #expect(type.type == "application")
        #expect(type.subtype == "x-stuff")
        #expect(type.parameters.decodedValue("title") == "This is even more ***fun*** isn't it!")
    }

    @Test("RFC 2231 §3 plain continuations are joined")
    func rfc2231PlainContinuation() {
        let value = "message/external-body; access-type=URL;\r\n URL*0=\"ftp://\";\r\n URL*1=\"cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\""
        let type = ContentType(parsing: Array(value.utf8))
        #expect(type.parameters["access-type"] == "URL")
        #expect(type.parameters["url"] == "ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar")
    }

    @Test(
        "extended values decode through their charset",
        arguments: [
            ("attachment; filename*=iso-8859-1''na%EFve.txt", "naïve.txt"),
            ("attachment; filename*=\"utf-8''%E2%82%AC.txt\"", "€.txt"),
            ("attachment; filename=\"=?utf-8?q?r=C3=A9sum=C3=A9.pdf?=\"", "résumé.pdf"),
            ("attachment; filename==?utf-8?b?w6kucGRm?=", "é.pdf"),
            ("attachment; filename=\"a \\\"b\\\".txt\"", "a \"b\".txt"),
        ])
    func dispositionFilename(value: String, filename: String) throws {
        let disposition = try #require(ContentDisposition(parsing: Array(value.utf8)))
        #expect(disposition.type == "attachment")
        #expect(disposition.filename == filename)
    }

    @Test(
        "media types",
        arguments: [
            ("text/plain; charset=us-ascii (Plain text)", "text", "plain", "us-ascii"),
            ("TEXT/HTML ; CHARSET = \"UTF-8\"", "TEXT", "HTML", "UTF-8"),
            ("text", "text", "", nil),
            ("multipart/mixed; boundary=\"simple boundary\"", "multipart", "mixed", nil),
        ] as [(String, String, String, String?)])
    func mediaTypes(value: String, type: String, subtype: String, charset: String?) {
        let parsed = ContentType(parsing: Array(value.utf8))
        #expect(parsed.type == type)
        #expect(parsed.subtype == subtype)
        #expect(parsed.charset == charset)
    }
}
