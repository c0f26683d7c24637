import Testing
import Foundation

@testable import MailMessage

@Suite("Structure parser")
struct StructureParserTests {
    @Test("every corpus message parses within bounds, and any prefix of it too (truncation)")
    func truncation() {
        for name in Corpus.messageNames {
            let bytes = Corpus.message(name)
            for cut in stride(from: 0, through: bytes.count, by: max(1, bytes.count / 50)) {
                let message = MIMEMessage(parsing: Array(bytes[..<cut]))
                #expect(message.root.range.upperBound <= cut)
                _ = message.bodyStructure(extended: true)
                _ = message.envelope.encoded
            }
        }
    }

    @Test("nesting is bounded")
    func deepNesting() {
        var text = "Content-Type: multipart/mixed; boundary=b0\r\n\r\n"
        for level in 1...1000 { text += "--b\(level - 1)\r\nContent-Type: multipart/mixed; boundary=b\(level)\r\n\r\n" }
        let message = MIMEMessage(parsing: Array(text.utf8))
        var depth = 0
        var part = message.root
        while let child = part.children.first {
            depth += 1
            part = child
        }
        #expect(depth == MailMessageLimits.default.maximumNestingDepth)
    }

    @Test("part count is bounded")
    func manyParts() {
        let text = "Content-Type: multipart/mixed; boundary=p\r\n\r\n" + String(repeating: "--p\r\n\r\nx\r\n", count: 20_000)
        let message = MIMEMessage(parsing: Array(text.utf8), limits: MailMessageLimits(maximumPartCount: 500))
        #expect(message.root.children.count == 499)
    }

    @Test("message/rfc822 parts hold their message")
    func rfc822() {
        let message = MIMEMessage(parsing: Corpus.message("message-rfc822-top.eml"))
        #expect(message.root.kind == .message)
        let inner = message.root.children[0]
        #expect(inner.kind == .multipart)
        #expect(inner.children.count == 2)
        #expect(message.decodedHeader("Subject", in: inner) == "inner message")
        #expect(message.part(at: [1, 2])?.contentType.subtype == "html")
    }

    @Test("random bytes never crash")
    func randomBytes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("-\r\n:; =?\"<>@()boundary\tContent-Type multipart/mixed message/rfc822 B Q".utf8) + [0, 0x80, 0xFF]
        for _ in 0..<300 {
            let count = Int.random(in: 0..<2000, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            let message = MIMEMessage(parsing: bytes)
            _ = message.bodyStructure(extended: true)
            _ = message.envelope.encoded
            _ = message.decodedTextParts
        }
    }
}

/// Inputs the fuzzer once broke (Tests/MailMessageCorpus/fuzz-regressions): the tree must nest.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let directory = Corpus.directory.appendingPathComponent("fuzz-regressions")
    static let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()

    static func checkNesting(_ part: MIMEPart, within range: Range<Int>) -> Bool {
        guard part.headerRange.lowerBound >= range.lowerBound, part.bodyRange.upperBound <= range.upperBound,
            part.headerRange.upperBound <= part.bodyRange.lowerBound
        else { return false }
        return part.children.allSatisfy { checkNesting($0, within: part.bodyRange) }
    }

    @Test("parts nest inside their parent's body", arguments: names)
    func nesting(name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent(name)))
        let message = MIMEMessage(parsing: bytes)
        #expect(Self.checkNesting(message.root, within: 0..<bytes.count))
        _ = message.bodyStructure(extended: true)
    }
}
