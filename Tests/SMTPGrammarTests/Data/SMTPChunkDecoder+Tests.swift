import NIOCore
import Testing

@testable import SMTPGrammar

@Suite("SMTPChunkDecoder")
struct SMTPChunkDecoderTests {
    private func run(size: Int, pieces: [[UInt8]], discarding: Bool = false) -> ([UInt8], Bool, [UInt8]) {
        var decoder = SMTPChunkDecoder(size: size, discarding: discarding)
        var buffer = ByteBuffer()
        var content: [UInt8] = []
        for (index, piece) in pieces.enumerated() {
            buffer.writeBytes(piece)
            while let event = decoder.next(&buffer) {
                switch event {
                case .content(let bytes): content += Array(bytes.readableBytesView)
                case .end:
                    return (content, true, Array(buffer.readableBytesView) + pieces[(index + 1)...].flatMap { $0 })
                }
            }
        }
        if pieces.isEmpty, case .end = decoder.next(&buffer) { return (content, true, []) }
        return (content, false, Array(buffer.readableBytesView))
    }

    @Test(
        "exactly size octets, taken as they are, in every split",
        arguments: [
            ("hello", "hello"),
            (".\r\n", ".\r\n"),
            ("a\n.\nb\r\n.\r\n", "a\n.\nb\r\n.\r\n"),
            ("", ""),
            ("\0\u{ff}\r", "\0\u{ff}\r"),
        ]
    )
    func chunk(_ chunk: String, _ expected: String) {
        let wire = Array(chunk) + Array("BDAT 0 LAST\r\n")
        for pieces in Splits.of(wire) {
            let (content, ended, rest) = self.run(size: chunk.utf8.count, pieces: pieces)
            #expect(content == Array(expected))
            #expect(ended)
            #expect(rest == Array("BDAT 0 LAST\r\n"))
        }
    }

    @Test("discarding consumes the chunk and yields nothing")
    func discarding() {
        let wire = Array(String(repeating: "x", count: 1000)) + Array("RSET\r\n")
        for pieces in Splits.of(wire) {
            let (content, ended, rest) = self.run(size: 1000, pieces: pieces, discarding: true)
            #expect(content.isEmpty)
            #expect(ended)
            #expect(rest == Array("RSET\r\n"))
        }
    }

    @Test("a short chunk waits for more bytes")
    func incomplete() {
        let (content, ended, _) = self.run(size: 10, pieces: [Array("12345")])
        #expect(content == Array("12345"))
        #expect(!ended)
    }
}
