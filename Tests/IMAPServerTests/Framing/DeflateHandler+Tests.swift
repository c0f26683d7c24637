import CompressNIO
import IMAPGrammar
import NIOCore
import NIOEmbedded
import Testing

@testable import IMAPServer

/// The deflate handler in an embedded channel, in front of the framing handler.
@Suite("DeflateHandler")
struct DeflateHandlerTests {
    private let request = IMAPReadRequest(mode: .command, options: ParserOptions(), maximumMessageLiteral: 10_000_000, maximumOtherLiteral: 100)

    private func deflate(_ compressor: ZlibCompressor, _ text: String) throws -> ByteBuffer {
        var input = ByteBuffer(string: text)
        var output = ByteBufferAllocator().buffer(capacity: compressor.maxSize(from: input))
        try compressor.deflate(from: &input, to: &output, flush: .sync)
        return output
    }

    /// Counts the inflated bytes passed on.
    final class InboundCounter: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        var bytes = 0
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            bytes += unwrapInboundIn(data).readableBytes
            context.fireChannelRead(data)
        }
    }

    @Test("a small input that inflates to megabytes is passed on only as fast as the framing asks")
    func bomb() throws {
        let channel = EmbeddedChannel()
        let counter = InboundCounter()
        let framing = IMAPFramingHandler(maximumLineLength: 1000)
        try channel.pipeline.syncOperations.addHandlers([try DeflateHandler(), counter, framing])
        let compressor = try ZlibCompressor(algorithm: .deflate)
        let size = 2_000_000
        let compressed = try deflate(compressor, "a1 APPEND INBOX {\(size)+}\r\n" + String(repeating: "x", count: size) + "\r\n")
        #expect(compressed.readableBytes < 10_000)
        // Nobody asked for a command: one batch goes in, then the framing holds the reads.
        try channel.writeInbound(compressed)
        channel.read()
        channel.read()
        #expect(counter.bytes == DeflateHandler.batchSize)
        // Asked for, the command is inflated and framed whole.
        framing.request(request)
        var reads = 0
        var frame: IMAPFrame?
        while frame == nil, reads < 100 {
            channel.read()
            reads += 1
            frame = try channel.readInbound(as: IMAPFrame.self)
        }
        guard case .command(let command)? = frame?.kind, case .append(_, let messages) = command.command else {
            Issue.record("no APPEND after \(reads) reads")
            return
        }
        #expect(messages.first?.data.readableBytes == size)
    }

    @Test("responses are compressed and sync-flushed")
    func outbound() throws {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(try DeflateHandler())
        try channel.writeOutbound(ByteBuffer(string: "a1 OK done\r\n"))
        var compressed = try #require(try channel.readOutbound(as: ByteBuffer.self))
        let decompressor = try ZlibDecompressor(algorithm: .deflate)
        var output = ByteBufferAllocator().buffer(capacity: 1024)
        try decompressor.inflate(from: &compressed, to: &output)
        #expect(String(buffer: output) == "a1 OK done\r\n")
    }
}
