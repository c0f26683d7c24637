import IMAPGrammar
import NIOCore
import NIOEmbedded
import Testing

@testable import IMAPServer

/// The framing handler in an embedded channel: it reads, answers and parses only on request.
@Suite("IMAPFramingHandler")
struct IMAPFramingHandlerTests {
    /// Counts the reads that reach the head of the pipeline.
    final class ReadCounter: ChannelOutboundHandler {
        typealias OutboundIn = ByteBuffer
        var reads = 0
        func read(context: ChannelHandlerContext) {
            reads += 1
            context.read()
        }
    }

    private let request = IMAPReadRequest(mode: .command, options: ParserOptions(), maximumMessageLiteral: 1000, maximumOtherLiteral: 100)

    private func makeChannel() throws -> (EmbeddedChannel, IMAPFramingHandler, ReadCounter) {
        let counter = ReadCounter()
        let handler = IMAPFramingHandler(maximumLineLength: 50)
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandlers([counter, handler])
        return (channel, handler, counter)
    }

    private func command(_ channel: EmbeddedChannel) throws -> TaggedCommand? {
        guard let frame = try channel.readInbound(as: IMAPFrame.self), case .command(let command) = frame.kind else { return nil }
        return command
    }

    private func outbound(_ channel: EmbeddedChannel) throws -> String? {
        try channel.readOutbound(as: ByteBuffer.self).map { String(buffer: $0) }
    }

    @Test("the continuation request waits until the command is requested")
    func continuationOnRequest() throws {
        let (channel, handler, _) = try makeChannel()
        try channel.writeInbound(ByteBuffer(string: "a1 NOOP\r\na2 LOGIN {5}\r\n"))
        #expect(try channel.readInbound(as: IMAPFrame.self).map { _ in true } == nil)
        handler.request(request)
        #expect(try command(channel) == TaggedCommand(tag: "a1", command: .noop))
        #expect(try outbound(channel) == nil)
        handler.request(request)
        #expect(try outbound(channel) == "+ Ready for literal data\r\n")
        try channel.writeInbound(ByteBuffer(string: "alice secret\r\n"))
        #expect(try command(channel) == TaggedCommand(tag: "a2", command: .login(username: "alice", password: "secret")))
    }

    @Test("literals over the requested limits: refused synchronizing, discarded non-synchronizing")
    func literalLimits() throws {
        let (channel, handler, _) = try makeChannel()
        handler.request(request)
        try channel.writeInbound(ByteBuffer(string: "a1 LOGIN {101}\r\n"))
        guard case .literalTooLarge("a1", 101, 100, true)? = try channel.readInbound(as: IMAPFrame.self)?.kind else {
            Issue.record("expected a refused synchronizing literal")
            return
        }
        #expect(try outbound(channel) == nil)
        handler.request(request)
        try channel.writeInbound(ByteBuffer(string: "a2 LOGIN {101+}\r\n" + String(repeating: "x", count: 101) + " y\r\na3 NOOP\r\n"))
        guard case .literalTooLarge("a2", 101, 100, false)? = try channel.readInbound(as: IMAPFrame.self)?.kind else {
            Issue.record("expected a refused non-synchronizing literal")
            return
        }
        handler.request(request)
        #expect(try command(channel) == TaggedCommand(tag: "a3", command: .noop))
        // APPEND has the message limit.
        handler.request(request)
        try channel.writeInbound(ByteBuffer(string: "a4 APPEND INBOX {500}\r\n"))
        #expect(try outbound(channel) == "+ Ready for literal data\r\n")
    }

    @Test("the mode and options of the request decide how a frame is parsed")
    func modes() throws {
        let (channel, handler, _) = try makeChannel()
        try channel.writeInbound(ByteBuffer(string: "*\r\nDONE\r\na1 CREATE &AMQ-\r\n"))
        handler.request(IMAPReadRequest(mode: .authenticate, options: ParserOptions(), maximumMessageLiteral: 10, maximumOtherLiteral: 10))
        guard case .authenticationResponse(.cancel)? = try channel.readInbound(as: IMAPFrame.self)?.kind else {
            Issue.record("expected a cancelled exchange")
            return
        }
        handler.request(IMAPReadRequest(mode: .idle, options: ParserOptions(), maximumMessageLiteral: 10, maximumOtherLiteral: 10))
        guard case .idleDone? = try channel.readInbound(as: IMAPFrame.self)?.kind else {
            Issue.record("expected DONE")
            return
        }
        handler.request(IMAPReadRequest(mode: .command, options: ParserOptions(utf8Accept: true), maximumMessageLiteral: 10, maximumOtherLiteral: 10))
        #expect(try command(channel) == TaggedCommand(tag: "a1", command: .create(MailboxName("&AMQ-"), specialUse: [])))
    }

    @Test("discarding buffered input drops pipelined bytes and starts a new epoch")
    func discard() throws {
        let (channel, handler, _) = try makeChannel()
        handler.request(request)
        try channel.writeInbound(ByteBuffer(string: "a1 STARTTLS\r\na2 LOGIN {5}\r\n"))
        let first = try channel.readInbound(as: IMAPFrame.self)
        #expect(first?.epoch == 0)
        handler.discardBufferedInput()
        handler.request(request)
        #expect(try outbound(channel) == nil)
        #expect(try channel.readInbound(as: IMAPFrame.self).map { _ in true } == nil)
        try channel.writeInbound(ByteBuffer(string: "a3 NOOP\r\n"))
        let next = try channel.readInbound(as: IMAPFrame.self)
        #expect(next?.epoch == 1)
    }

    @Test("with no request and a full line buffered, reads are held until the session asks")
    func backpressure() throws {
        let (channel, handler, counter) = try makeChannel()
        try channel.writeInbound(ByteBuffer(string: "a1 NOOP\r\n"))
        channel.read()
        #expect(counter.reads == 1)
        try channel.writeInbound(ByteBuffer(string: String(repeating: "a2 NOOP\r\n", count: 10)))
        channel.read()
        #expect(counter.reads == 1)
        handler.request(request)
        #expect(try command(channel) == TaggedCommand(tag: "a1", command: .noop))
        #expect(counter.reads == 1)
        for _ in 0..<5 {
            handler.request(request)
            _ = try command(channel)
        }
        #expect(counter.reads == 2)
    }
}
