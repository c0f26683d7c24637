import Testing

@testable import MailMessage

@Suite("RFC 5322 dates")
struct MessageDateTests {
    /// RFC 5322 Appendix A dates, including the obsolete forms of A.6.2 and A.6.3; expected instants
    /// computed independently (Python's calendar.timegm).
    @Test(
        "appendix dates",
        arguments: [
            ("Fri, 21 Nov 1997 09:55:06 -0600", 880_127_706, -360),
            ("21 Nov 97 09:55:06 GMT", 880_106_106, 0),
            ("Fri, 21\r\n Nov 1997\r\n 09(comment):   55  :  06 -0600", 880_127_706, -360),
            ("Thu, 13 Feb 1969 23:32:54 -0330", -27_723_426, -210),
            ("Tue, 1 Jul 2003 10:52:37 +0200", 1_057_049_557, 120),
            ("Mon, 24 Nov 1997 14:22:01 -0800", 880_410_121, -480),
            ("21 Nov 1997 10:01:22 -0600 (CST)", 880_128_082, -360),
            ("Sun, 21 Mar 1993 23:56:48 -0800 (PST)", 732_787_008, -480),
            ("Fri, 21 Nov 1997 09:55 EST", 880_124_100, -300),
        ])
    func appendixDates(value: String, seconds: Int, zone: Int) throws {
        let date = try #require(MessageDate(parsing: Array(value.utf8)))
        #expect(date.secondsSince1970 == seconds)
        #expect(date.zoneOffsetMinutes == zone)
    }

    @Test("garbage is not a date", arguments: ["", "yesterday", "32 Foo 2020 10:00", "Fri, 21 Nov 1997"])
    func invalid(value: String) {
        #expect(MessageDate(parsing: Array(value.utf8)) == nil)
    }

    @Test("Message-ID lists", arguments: [
        ("<1234@local.machine.example>", ["1234@local.machine.example"]),
        ("<a@b> <c@d>\r\n <e@f>", ["a@b", "c@d", "e@f"]),
        ("<1234   @   local(blah)  .machine .example>", ["1234@local.machine.example"]),
        ("Your message of \"Mon\" <x@y> (comment <not@id>)", ["x@y"]),
    ])
    func messageIDs(value: String, ids: [String]) {
        #expect(MessageIDList.parse(Array(value.utf8)) == ids)
    }

    @Test("Received chain (RFC 5322 A.5)")
    func received() throws {
        let message = MIMEMessage(parsing: Corpus.message("rfc5322-a5-trace.eml"))
        let chain = message.receivedChain
        #expect(chain.count == 2)
        #expect(chain[0].from == "x.y.test")
        #expect(chain[0].by == "example.net")
        #expect(chain[0].via == "TCP")
        #expect(chain[0].with == "ESMTP")
        #expect(chain[0].id == "ABC12345")
        #expect(chain[0].recipient == "<mary@example.net>")
        #expect(chain[0].date?.secondsSince1970 == 880_128_343)
        #expect(chain[1].from == "node.example")
        #expect(chain[1].by == "x.y.test")
    }
}
