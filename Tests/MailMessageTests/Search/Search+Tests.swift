import Testing

@testable import MailMessage

@Suite("Search and sort primitives")
struct SearchTests {
    @Test(
        "RFC 5256 base subject",
        arguments: [
            ("Re: test", "test"),
            ("re: Re: RE: test", "test"),
            ("Fwd: test (fwd)", "test"),
            ("[fwd: Re: test]", "test"),
            ("Re [list]: test", "test"),
            ("[list] Re: test", "test"),
            ("Re: [PATCH] fix (fwd) (fwd)", "fix"),
            ("[PATCH]", "[PATCH]"),
            ("=?utf-8?q?Re=3A_Gr=C3=BC=C3=9Fe?=", "Grüße"),
            ("  Lots   of   space  ", "Lots of space"),
        ])
    func baseSubject(subject: String, base: String) {
        #expect(BaseSubject.extract(Array(subject.utf8)) == base)
    }

    @Test("i;unicode-casemap folding (RFC 5051)")
    func casemap() {
        #expect(UnicodeCasemap.contains("Grüße aus Bern", "GRÜSSE"))
        #expect(UnicodeCasemap.contains("Café", "cafe"))
        #expect(UnicodeCasemap.contains("ΕΛΛΗΝΙΚΆ", "ελληνικα"))
        #expect(!UnicodeCasemap.contains("hello", "world"))
    }

    @Test("body search decodes transfer encoding and charset")
    func bodySearch() {
        let message = MIMEMessage(parsing: Corpus.message("rfc2047-8-examples.eml"))
        #expect(message.bodyContains("jørn"))
        #expect(!message.bodyContains("=F8"))
        #expect(message.headerContains("Subject", "understand the EXAMPLE"))
        #expect(message.textContains("andré"))
        let forwarded = MIMEMessage(parsing: Corpus.message("python-email-forwarded-rfc822.eml"))
        #expect(forwarded.bodyContains("grüsse"))
    }

    @Test("RFC 5256 and RFC 5957 address sort keys")
    func sortKeys() {
        let message = MIMEMessage(parsing: Corpus.message("rfc5322-a1-2-different-types.eml"))
        #expect(message.addressSortKey("From") == "JOHN.Q.PUBLIC")
        #expect(message.displaySortKey("From") == "JOE Q. PUBLIC")
        #expect(message.displaySortKey("Cc") == "BOSS@NIL.TEST")
    }

    @Test("References and In-Reply-To (RFC 5322 A.2)")
    func threading() {
        let message = MIMEMessage(parsing: Corpus.message("rfc5322-a2-reply.eml"))
        #expect(message.references == ["1234@local.machine.example"])
        #expect(message.inReplyTo == ["1234@local.machine.example"])
        #expect(message.messageID == "3456@example.net")
    }
}
