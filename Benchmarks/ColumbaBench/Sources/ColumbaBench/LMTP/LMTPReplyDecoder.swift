import NIOCore
import SMTPGrammar

/// NIO decoder turning the server's bytes into replies with SMTPGrammar's ``SMTPReplyParser``
/// (strict: a bare LF is an error); a malformed reply fails the channel with a ``CheckFailure``.
struct LMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    private var parser = SMTPReplyParser(strictness: .strict)

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let reply: SMTPReply?
        do {
            reply = try parser.parse(&buffer)
        } catch {
            throw CheckFailure("malformed reply (\(error)): \(printable(buffer.readableBytesView.prefix(200)))")
        }
        guard let reply else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(reply))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
