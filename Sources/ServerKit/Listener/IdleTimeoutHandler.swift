import NIOCore

/// Says goodbye and closes the connection when `IdleStateHandler` reports that nothing was read
/// for the idle timeout.
final class IdleTimeoutHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let farewell: String

    init(farewell: String) {
        self.farewell = farewell
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        let buffer = context.channel.allocator.buffer(string: farewell)
        context.writeAndFlush(NIOAny(buffer)).whenComplete { [context] _ in
            context.close(promise: nil)
        }
    }
}
