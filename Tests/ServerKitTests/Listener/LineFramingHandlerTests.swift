import NIOCore
import NIOEmbedded
import Testing

@testable import ServerKit

@Suite("Line framing")
struct LineFramingHandlerTests {
    /// Feeds `input` in chunks of `chunkSize` bytes and collects what comes out.
    private func frames(_ input: String, maximumLength: Int, chunkSize: Int) throws -> [String] {
        let channel = EmbeddedChannel(handler: LineFramingHandler(maximumLength: maximumLength))
        let bytes = Array(input.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            try channel.writeInbound(ByteBuffer(bytes: bytes[offset..<end]))
            offset = end
        }
        var result: [String] = []
        while let frame = try channel.readInbound(as: LineFrame.self) {
            switch frame.kind {
            case .line(let buffer): result.append(String(buffer: buffer))
            case .tooLong: result.append("<too long>")
            }
        }
        return result
    }

    @Test("lines end in CRLF or LF, in any split", arguments: [1, 2, 3, 7, 100])
    func splits(chunkSize: Int) throws {
        let result = try frames("a1 NOOP\r\nb2 LOGOUT\nc3 x\r\rz\r\n", maximumLength: 100, chunkSize: chunkSize)
        #expect(result == ["a1 NOOP", "b2 LOGOUT", "c3 x\r\rz"])
    }

    @Test("an incomplete line is held back")
    func incomplete() throws {
        #expect(try frames("a1 NOOP\r\nb2 LOG", maximumLength: 100, chunkSize: 4) == ["a1 NOOP"])
    }

    @Test("a line over the limit becomes one tooLong frame and the next line is read normally",
          arguments: [1, 5, 64])
    func overlong(chunkSize: Int) throws {
        let long = String(repeating: "x", count: 50)
        let result = try frames("ok\r\n\(long)\r\nnext\r\n", maximumLength: 10, chunkSize: chunkSize)
        #expect(result == ["ok", "<too long>", "next"])
    }

    @Test("a line exactly at the limit passes")
    func atLimit() throws {
        #expect(try frames("0123456789\r\n", maximumLength: 10, chunkSize: 3) == ["0123456789"])
    }

    @Test("discardBufferedInput drops held bytes and starts a new epoch")
    func discard() throws {
        let handler = LineFramingHandler(maximumLength: 100)
        let channel = EmbeddedChannel(handler: handler)
        try channel.writeInbound(ByteBuffer(string: "a1 STARTTLS\r\nb2 plain"))
        let first = try #require(try channel.readInbound(as: LineFrame.self))
        #expect(first.epoch == 0)
        handler.discardBufferedInput()
        try channel.writeInbound(ByteBuffer(string: "c3 NOOP\r\n"))
        let second = try #require(try channel.readInbound(as: LineFrame.self))
        guard case .line(let line) = second.kind else { Issue.record("expected a line"); return }
        #expect(String(buffer: line) == "c3 NOOP")
        #expect(second.epoch == 1)
    }
}
