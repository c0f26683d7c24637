import Testing

@testable import MailMessage

/// ENVELOPE, BODY, BODYSTRUCTURE and RFC822.SIZE of every corpus message must equal Dovecot's
/// recorded answers (Tests/MailMessageCorpus/dovecot-answers.txt, made by scripts/dovecot-imap-views.sh).
///
/// doveadm prints its answers as JSON, which replaces invalid UTF-8 with U+FFFD; our output goes
/// through the same replacement before comparing, so 8-bit bytes compare as doveadm shows them.
@Suite("Dovecot corpus")
struct DovecotCorpusTests {
    static func comparable(_ bytes: [UInt8]) -> String {
        String(decoding: HeaderText.sanitizedUTF8(bytes), as: UTF8.self)
    }

    static func expected(_ name: String, _ field: String) -> String? {
        Corpus.answers[name]?[field].map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("the corpus and its answers are present")
    func corpusPresent() {
        #expect(Corpus.messageNames.count >= 40)
        #expect(Corpus.answers.count == Corpus.messageNames.count)
    }

    @Test("ENVELOPE equals Dovecot's", arguments: Corpus.messageNames)
    func envelope(name: String) throws {
        let message = MIMEMessage(parsing: Corpus.message(name))
        let expected = try #require(Self.expected(name, "imap.envelope"))
        #expect(Self.comparable(message.envelope.encoded) == expected)
    }

    @Test("BODYSTRUCTURE equals Dovecot's", arguments: Corpus.messageNames)
    func bodyStructure(name: String) throws {
        let message = MIMEMessage(parsing: Corpus.message(name))
        let expected = try #require(Self.expected(name, "imap.bodystructure"))
        #expect(Self.comparable(message.bodyStructure(extended: true)) == expected)
    }

    @Test("BODY equals Dovecot's", arguments: Corpus.messageNames)
    func body(name: String) throws {
        let message = MIMEMessage(parsing: Corpus.message(name))
        let expected = try #require(Self.expected(name, "imap.body"))
        #expect(Self.comparable(message.bodyStructure(extended: false)) == expected)
    }

    @Test("RFC822.SIZE equals Dovecot's", arguments: Corpus.messageNames)
    func size(name: String) throws {
        let message = MIMEMessage(parsing: Corpus.message(name))
        let expected = try #require(Self.expected(name, "size.virtual"))
        #expect(String(message.virtualSize) == expected)
    }
}

/// BODY[section] and BINARY[section] of every corpus message against Dovecot's recorded answers.
@Suite("Dovecot corpus sections")
struct DovecotCorpusSectionTests {
    static let sections: [(field: String, section: String)] = [
        ("body.HEADER", "HEADER"), ("body.TEXT", "TEXT"), ("body.1", "1"), ("body.1.MIME", "1.MIME"),
        ("body.2", "2"), ("body.2.MIME", "2.MIME"), ("body.1.1", "1.1"), ("body.1.2", "1.2"),
        ("body.2.1", "2.1"), ("body.2.HEADER", "2.HEADER"), ("body.2.TEXT", "2.TEXT"),
        ("body.1.HEADER", "1.HEADER"), ("body.HEADER.FIELDS (From Subject)", "HEADER.FIELDS (From Subject)"),
        ("body.HEADER.FIELDS.NOT (From Subject)", "HEADER.FIELDS.NOT (From Subject)"),
    ]

    @Test("BODY[section] equals Dovecot's", arguments: Corpus.messageNames)
    func body(name: String) throws {
        let message = MIMEMessage(parsing: Corpus.message(name))
        for (field, text) in Self.sections {
            guard let expected = DovecotCorpusTests.expected(name, field) else { continue }
            let got = DovecotCorpusTests.comparable(message.section(try SectionSpecifier(text)))
            #expect(got == expected, "\(field)")
        }
    }

    @Test("BINARY[section] equals Dovecot's", arguments: Corpus.messageNames)
    func binary(name: String) throws {
        let message = MIMEMessage(parsing: Corpus.message(name))
        for (field, path) in [("binary.1", [1]), ("binary.2", [2]), ("binary.1.1", [1, 1])] {
            // Leaf parts only: for a multipart, Dovecot also decodes the parts inside and rewrites
            // their Content-Transfer-Encoding fields; we return such parts as they are.
            guard let expected = DovecotCorpusTests.expected(name, field), message.part(at: path)?.kind != .multipart,
                message.part(at: path)?.kind != .message
            else { continue }
            let got = message.binary(path).map(DovecotCorpusTests.comparable)
            #expect(got == expected, "\(field)")
        }
    }
}
