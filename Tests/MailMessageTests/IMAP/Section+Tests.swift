import Testing

@testable import MailMessage

@Suite("IMAP sections and quoting")
struct SectionTests {
    @Test(
        "section-spec syntax (RFC 3501 §6.4.5)",
        arguments: [
            ("", SectionSpecifier(part: [], kind: .complete)),
            ("HEADER", SectionSpecifier(part: [], kind: .header)),
            ("TEXT", SectionSpecifier(part: [], kind: .text)),
            ("1", SectionSpecifier(part: [1], kind: .complete)),
            ("4.2.2.1", SectionSpecifier(part: [4, 2, 2, 1], kind: .complete)),
            ("3.MIME", SectionSpecifier(part: [3], kind: .mime)),
            ("4.2.HEADER", SectionSpecifier(part: [4, 2], kind: .header)),
            ("header.fields (From \"To\")", SectionSpecifier(part: [], kind: .headerFields(["From", "To"]))),
            ("1.HEADER.FIELDS.NOT (Received)", SectionSpecifier(part: [1], kind: .headerFieldsNot(["Received"]))),
        ])
    func parse(text: String, expected: SectionSpecifier) throws {
        #expect(try SectionSpecifier(text) == expected)
    }

    @Test("invalid sections", arguments: ["0", "1.", "MIME", "1.BODY", "HEADER.FIELDS ()", "HEADER.FIELDS From"])
    func invalid(text: String) {
        #expect(throws: SectionSpecifier.ParseError.self) { try SectionSpecifier(text) }
    }

    /// RFC 3501 §6.4.5 example structure: parts of the RFC 2046 sample message.
    @Test("RFC 2046 sample: parts, partial fetch and CRLF sizes")
    func rfc2046Sample() throws {
        let message = MIMEMessage(parsing: Corpus.message("rfc2046-5-1-1-multipart.eml"))
        #expect(message.root.kind == .multipart)
        #expect(message.root.children.count == 2)
        let first = message.section(try SectionSpecifier("1"))
        #expect(first == Array("This is implicitly typed plain US-ASCII text.\r\nIt does NOT end with a linebreak.".utf8))
        let second = message.section(try SectionSpecifier("2"))
        #expect(second == Array("This is explicitly typed plain US-ASCII text.\r\nIt DOES end with a linebreak.\r\n".utf8))
        #expect(message.section(try SectionSpecifier("2.MIME")) == Array("Content-type: text/plain; charset=us-ascii\r\n\r\n".utf8))
        #expect(message.section(try SectionSpecifier("1"), partial: (offset: 5, length: 2)) == Array("is".utf8))
        #expect(message.section(try SectionSpecifier("1"), partial: (offset: 5000, length: 2)) == [])
        #expect(message.section(try SectionSpecifier("3")) == [])
    }

    @Test("LF-only messages are served with CRLF")
    func lfOnly() throws {
        let message = MIMEMessage(parsing: Corpus.message("lf-only-multipart.eml"))
        #expect(message.section(try SectionSpecifier("1")) == Array("line1\r\nline2".utf8))
        #expect(message.binary([2]) == [0, 1, 2, 3, 4, 5])
        #expect(message.binarySize([2]) == 6)
    }

    @Test(
        "string quoting (RFC 3501 §4.3, Dovecot's rules)",
        arguments: [
            ("plain", "\"plain\""),
            ("say \"hi\"", "\"say \\\"hi\\\"\""),
            ("\"\"\"\"\"", "{5}\r\n\"\"\"\"\""),
            ("line\r\nbreak", "{11}\r\nline\r\nbreak"),
            ("café", "{5}\r\ncafé"),
        ])
    func quoting(value: String, wire: String) {
        var writer = IMAPWriter()
        writer.appendString(Array(value.utf8))
        #expect(writer.bytes == Array(wire.utf8))
    }
}
