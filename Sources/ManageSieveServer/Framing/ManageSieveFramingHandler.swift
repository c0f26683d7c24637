import ManageSieveGrammar
import NIOCore
import ServerKit

/// Cuts a ManageSieve connection's bytes into commands with their literals, one at a time, when
/// the session asks for it (``request(maximumLiteralSize:)``) with the literal limit of its
/// current state.
///
/// Reading on demand keeps pipelining correct: the literal limit rises at login, and an
/// AUTHENTICATE exchange or STARTTLS changes how the next bytes are read, so a frame is cut
/// only once the session has finished every earlier command. While the session is busy the
/// handler keeps what arrives, and stops asking the channel for more once a full line's worth
/// is waiting, so a client that floods the connection is held by TCP flow control.
public final class ManageSieveFramingHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = ManageSieveFrame
    public typealias OutboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    private var framer: FramingParser
    private var pending = false
    private var epoch = 0
    private var context: ChannelHandlerContext?
    private var readHeld = false

    /// - Parameter maximumLineLength: the longest command line, its CRLF excluded.
    public init(maximumLineLength: Int) {
        framer = FramingParser(limits: ManageSieveLimits(maximumLineLength: maximumLineLength))
    }

    public func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        framer.append(unwrapInboundIn(data))
        deliver(context: context)
    }

    public func read(context: ChannelHandlerContext) {
        if isHoldingInput {
            readHeld = true
        } else {
            context.read()
        }
    }

    /// Cuts the next frame, allowing literals of up to `maximumLiteralSize` octets, now if its
    /// bytes are buffered or as soon as they arrive. Runs on the channel's event loop.
    func request(maximumLiteralSize: UInt64) {
        guard let context else { return }
        pending = true
        framer.limits.maximumLiteralSize = maximumLiteralSize
        deliver(context: context)
        resumeReading(context: context)
    }

    /// Drops every buffered byte and starts a new epoch (STARTTLS).
    public func discardBufferedInput() {
        framer.reset()
        epoch += 1
        if let context { resumeReading(context: context) }
    }

    /// Nobody waits for a frame and at least a full line is buffered.
    private var isHoldingInput: Bool {
        !pending && framer.bufferedByteCount > framer.limits.maximumLineLength
    }

    private func resumeReading(context: ChannelHandlerContext) {
        guard readHeld, !isHoldingInput else { return }
        readHeld = false
        context.read()
    }

    private func deliver(context: ChannelHandlerContext) {
        guard pending, let event = framer.nextEvent() else { return }
        pending = false
        context.fireChannelRead(wrapInboundOut(ManageSieveFrame(event: event, epoch: epoch)))
        // The async channel hands reads to the session at the end of a read burst; a frame
        // produced by a request, outside any burst, needs its own.
        context.fireChannelReadComplete()
    }
}

extension ManageSieveFramingHandler: ConnectionFraming {}
