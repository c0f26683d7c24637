import NIOCore
import SMTPGrammar

/// Counts the replies the client waits for (the greeting, then what each ``LMTPRequest`` asks
/// for) and fails the channel with a ``CheckFailure`` on a reply nothing asked for, or when the
/// server stays silent for the timeout while replies are owed. Each reply restarts the clock.
final class LMTPReplyTracker: ChannelDuplexHandler {
    typealias InboundIn = SMTPReply
    typealias InboundOut = SMTPReply
    typealias OutboundIn = LMTPRequest
    typealias OutboundOut = ByteBuffer

    private let timeout: TimeAmount
    private var owed = 1
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
        let reply = unwrapInboundIn(data)
        guard owed > 0 else {
            var text = ByteBuffer()
            text.writeSMTPReply(reply)
            fail(context: context, "a reply the client did not ask for (one reply too many): \(printable(text.readableBytesView))")
            return
        }
        owed -= 1
        if owed == 0 { disarm() } else { arm(context: context) }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        owed += request.replies
        if owed > 0 { arm(context: context) }
        context.write(wrapOutboundOut(request.bytes), promise: promise)
    }

    private func fail(context: ChannelHandlerContext, _ reason: String) {
        disarm()
        context.fireErrorCaught(CheckFailure(reason))
        context.close(promise: nil)
    }

    private func arm(context: ChannelHandlerContext) {
        disarm()
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let seconds = Double(timeout.nanoseconds) / 1e9
        pending = context.eventLoop.scheduleTask(in: timeout) {
            let (tracker, context) = loopBound.value
            tracker.fail(context: context, "no reply from the server within \(seconds) s (replies owed: \(tracker.owed))")
        }
    }

    private func disarm() {
        pending?.cancel()
        pending = nil
    }
}
