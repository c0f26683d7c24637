import NIOCore

/// NIO decoder turning the server's bytes into ``ReceivedResponse`` values with ``ResponseFramer`` and
/// ``ResponseParser``; a malformed response fails the channel with an ``IMAPResponseError``.
public struct IMAPResponseDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ReceivedResponse

    private let framer: ResponseFramer

    public init(framer: ResponseFramer = ResponseFramer()) {
        self.framer = framer
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try framer.nextFrame(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(ReceivedResponse(response: try ResponseParser.parse(frame), raw: frame)))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
