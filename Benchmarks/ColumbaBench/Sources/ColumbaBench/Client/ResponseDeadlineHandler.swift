import NIOCore

/// Fails the channel when the server stays silent too long while the client waits for it: from
/// the connection's start (the greeting) and from each command sent, until a tagged response or a
/// continuation request arrives. Untagged data in between restarts the clock. A held IDLE (after
/// its continuation) is not waiting, so it never times out.
final class ResponseDeadlineHandler: ChannelDuplexHandler {
    typealias InboundIn = ReceivedResponse
    typealias InboundOut = ReceivedResponse
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let timeout: TimeAmount
    private var pending: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data).response {
        case .tagged, .continuation: disarm()
        case .untaggedData, .untaggedStatus: if pending != nil { arm(context: context) }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        arm(context: context)
        context.write(data, promise: promise)
    }

    private func arm(context: ChannelHandlerContext) {
        disarm()
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        let seconds = Double(timeout.nanoseconds) / 1e9
        pending = context.eventLoop.scheduleTask(in: timeout) {
            let context = loopBound.value
            context.fireErrorCaught(IMAPResponseError("no response from the server within \(seconds) s"))
            context.close(promise: nil)
        }
    }

    private func disarm() {
        pending?.cancel()
        pending = nil
    }
}
