import Testing

@testable import MailMessage

@Suite("Transfer encodings")
struct TransferEncodingTests {
    /// RFC 4648 §10 test vectors.
    static let base64Vectors = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ]

    @Test("base64 RFC 4648 vectors", arguments: base64Vectors)
    func base64(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == Array(encoded.utf8))
        #expect(Base64.decode(Array(encoded.utf8)) == Array(plain.utf8))
    }

    @Test("base64 tolerates line ends and junk, in any chunking")
    func base64Chunked() {
        let encoded = Array("Zm9v\r\nYmFy\r\n!!Zm9v YmFy\r\n".utf8)
        for size in 1...encoded.count {
            var decoder = Base64Decoder()
            var out: [UInt8] = []
            var index = 0
            while index < encoded.count {
                decoder.decode(encoded[index..<min(index + size, encoded.count)], into: &out)
                index += size
            }
            #expect(out == Array("foobarfoobar".utf8), "chunk size \(size)")
        }
    }

    @Test("base64 lines are 76 characters")
    func base64Lines() {
        let encoded = Base64.encode([UInt8](repeating: 0, count: 100))
        #expect(encoded.firstIndex(of: 0x0D) == 76)
    }

    @Test(
        "quoted-printable decoding (RFC 2045 §6.7)",
        arguments: [
            ("caf=C3=A9", "café"),
            ("caf=c3=a9", "café"),
            ("soft=\r\nbreak", "softbreak"),
            ("soft=\nbreak", "softbreak"),
            ("trailing   \r\nspace", "trailing\r\nspace"),
            ("a=3Db", "a=b"),
            ("bad=ZZescape", "bad=ZZescape"),
            ("ends with =", "ends with ="),
            ("soft break with junk= \t\r\nnext", "soft break with junknext"),
        ])
    func quotedPrintable(encoded: String, decoded: String) {
        let bytes = Array(encoded.utf8)
        #expect(QuotedPrintable.decode(bytes) == Array(decoded.utf8))
        for size in 1...max(1, bytes.count) {
            var decoder = QuotedPrintableDecoder()
            var out: [UInt8] = []
            var index = 0
            while index < bytes.count {
                decoder.decode(bytes[index..<min(index + size, bytes.count)], into: &out)
                index += size
            }
            decoder.finish(into: &out)
            #expect(out == Array(decoded.utf8), "chunk size \(size)")
        }
    }

    @Test("quoted-printable encoding round-trips and keeps lines short")
    func quotedPrintableEncode() {
        let text = Array(("Grüße = \"hallo\"  \r\n" + String(repeating: "x", count: 200) + " \r\nend").utf8)
        let encoded = QuotedPrintable.encode(text)
        #expect(QuotedPrintable.decode(encoded) == text)
        let lines = encoded.split(separator: 0x0A)
        #expect(lines.allSatisfy { $0.count <= 77 })
        #expect(encoded.allSatisfy { $0 < 0x80 })
    }
}
