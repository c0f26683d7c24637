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
