import Testing

@testable import MailMessage

@Suite("RFC 5322 address lists")
struct MailAddressTests {
    static func render(_ list: [MailAddress]) -> [String] {
        list.map { address in
            func show(_ bytes: [UInt8]?) -> String { bytes.map { String(decoding: $0, as: UTF8.self) } ?? "-" }
            return "\(show(address.name))|\(show(address.route))|\(show(address.mailbox))|\(show(address.domain))"
        }
    }

    /// RFC 5322 Appendix A.1 and A.6.1 address fields.
    @Test(
        "RFC 5322 appendix examples",
        arguments: [
            ("\"Joe Q. Public\" <john.q.public@example.com>", ["Joe Q. Public|-|john.q.public|example.com"]),
            (
                "Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>",
                ["Mary Smith|-|mary|x.test", "-|-|jdoe|example.org", "Who?|-|one|y.test"]
            ),
            (
                "<boss@nil.test>, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>",
                ["-|-|boss|nil.test", "Giant; \"Big\" Box|-|sysservices|example.net"]
            ),
            (
                "A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;",
                ["-|-|A Group|-", "Ed Jones|-|c|a.test", "-|-|joe|where.test", "John|-|jdoe|one.test", "-|-|-|-"]
            ),
            ("Undisclosed recipients:;", ["-|-|Undisclosed recipients|-", "-|-|-|-"]),
            (
                "Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example",
                ["Mary Smith|@node.test|mary|example.net", "-|-|MISSING_MAILBOX|MISSING_DOMAIN", "-|-|jdoe|test.example"]
            ),
            ("Joe Q. Public <john.q.public@example.com>", ["Joe Q. Public|-|john.q.public|example.com"]),
            ("user@host (Comment Name)", ["Comment Name|-|user|host"]),
            ("a.b.c@[192.168.0.1]", ["-|-|a.b.c|[192.168.0.1]"]),
        ])
    func appendix(value: String, expected: [String]) {
        #expect(Self.render(MailAddress.parseList(Array(value.utf8))) == expected)
    }

    @Test("display name decoding")
    func displayName() {
        let list = MailAddress.parseList(Array("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>".utf8))
        #expect(list.first?.displayName == "Keld Jørn Simonsen")
        #expect(list.first?.address == "keld@dkuug.dk")
    }
}
