import NIOCore
import Testing

@testable import SMTPGrammar

/// Where DATA must end, found the obvious way: the first "\r\n.\r\n" in the stream, counting the CRLF
/// of the DATA command line before it. Returns the number of stream bytes up to and including it.
func referenceEndOfData(_ bytes: [UInt8]) -> Int? {
    let stream: [UInt8] = [13, 10] + bytes
    let terminator: [UInt8] = [13, 10, UInt8(ascii: "."), 13, 10]
    guard stream.count >= terminator.count else { return nil }
    for start in 0...(stream.count - terminator.count) where Array(stream[start..<start + 5]) == terminator {
        return start + 5 - 2
    }
    return nil
}

@Suite("DATA properties")
struct SMTPDataPropertyTests {
    /// Random streams over the characters that matter: ".", CR, LF and one ordinary byte.
    private static func randomStreams(count: Int, seed: UInt64) -> [[UInt8]] {
        var generator = SplitMix64(seed: seed)
        let alphabet: [UInt8] = [UInt8(ascii: "a"), UInt8(ascii: "."), 13, 10]
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
        }
    }

    @Test("the decoder ends exactly at the first CRLF.CRLF, whatever bare CR and LF come before")
    func endsOnlyAtCRLFDotCRLF() {
        for stream in Self.randomStreams(count: 3000, seed: 42) {
            let expected = referenceEndOfData(stream)
            for pieces in [[stream], stream.map { [$0] }] {
                let (_, summary, rest) = decodeData(pieces, policy: .keep)
                #expect((summary != nil) == (expected != nil), "\(stream)")
                if let expected { #expect(rest == Array(stream[expected...]), "\(stream)") }
            }
        }
    }

    @Test("encode (normalising) then decode gives CRLF-only content that encodes to the same bytes")
    func encodeDecode() throws {
        for message in Self.randomStreams(count: 3000, seed: 7) {
            var encoder = SMTPDataEncoder()
            var wire = ByteBuffer()
            encoder.encode(ByteBuffer(bytes: message), into: &wire)
            encoder.finish(into: &wire)
            let (content, summary, rest) = decodeData([Array(wire.readableBytesView)])
            let end = try #require(summary)
            #expect(end.bareLineEndings == 0 && rest.isEmpty, "\(message)")
            var again = SMTPDataEncoder()
            var wire2 = ByteBuffer()
            again.encode(ByteBuffer(bytes: content), into: &wire2)
            again.finish(into: &wire2)
            #expect(wire2 == wire, "\(message)")
        }
    }
}
