import IMAPGrammar
import MailMessage
import Testing

@testable import IMAPServer

@Suite("FetchItems")
struct FetchItemsTests {
    static let messages = [
        "From: a@example.test\r\nSubject: crlf\r\n\r\nbody\r\n\r\nmore\r\n",
        "From: a@example.test\nSubject: lf\n\nbody\n",
        "Subject: folded\r\n header line\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nSubject: inner\r\n\r\npart\r\n--x--\r\n",
        "Subject: no body",
        "\r\nbody without header\r\n",
    ]

    @Test("the header alone answers HEADER and HEADER.FIELDS exactly as the whole message does", arguments: messages)
    func headerOnly(_ text: String) {
        let bytes = Array(text.utf8)
        let whole = MIMEMessage(parsing: bytes)
        let header = MIMEMessage(parsing: Array(MIMEMessage.headerBlock(of: bytes)))
        for section in [
            MailMessage.SectionSpecifier(kind: .header),
            MailMessage.SectionSpecifier(kind: .headerFields(["SUBJECT", "From"])),
            MailMessage.SectionSpecifier(kind: .headerFieldsNot(["Subject"])),
        ] {
            #expect(header.section(section) == whole.section(section), "\(section)")
        }
    }

    @Test("which FETCH items can be answered from the header alone")
    func needsOnlyHeader() {
        let fields = FetchAttribute.bodySection(peek: true, section: IMAPGrammar.SectionSpecifier(kind: .headerFields(["From"])), partial: nil)
        #expect(FetchItems(attributes: [.uid, .flags, .rfc822Size, fields, .rfc822Header]).needsOnlyHeader)
        #expect(!FetchItems(attributes: [fields, .body]).needsOnlyHeader)
        #expect(!FetchItems(attributes: [.bodySection(peek: true, section: IMAPGrammar.SectionSpecifier(part: [1], kind: .header), partial: nil)]).needsOnlyHeader)
        #expect(!FetchItems(attributes: [.bodySection(peek: true, section: .complete, partial: nil)]).needsOnlyHeader)
    }
}
