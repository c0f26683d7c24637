import IMAPGrammar
import NIOCore
import ServerKit

/// Cuts an IMAP connection's bytes into commands with their literals and parses each one, one
/// at a time, when the session asks for it (``request(_:)``).
///
/// Reading on demand is what keeps pipelining correct. Whether the next line is a command, a
/// SASL response or IDLE's `DONE`, which literal sizes are allowed and whether mailbox names are
/// UTF-8 all depend on the commands before it, so a frame is parsed only once the session has
/// finished every earlier command. For the same reason the continuation request for a
/// synchronizing literal (`+ Ready for literal data`) is written only when its command is the
/// one being read: never ahead of the replies to earlier commands, and never for plaintext a
/// client pipelined after STARTTLS, which ``discardBufferedInput()`` drops unread.
///
/// While the session is busy the handler keeps what arrives, and stops asking the channel for
/// more once a full line's worth is waiting, so a client that floods the connection is held by
/// TCP flow control rather than by memory. Literal sizes are checked when announced, before
/// their bytes are read.
public final class IMAPFramingHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = IMAPFrame
    public typealias OutboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    private static let continuationRequest = "+ Ready for literal data\r\n"

    private var framer: FramingParser
    private var pending: IMAPReadRequest?
    private var epoch = 0
    private var context: ChannelHandlerContext?
    private var readHeld = false

    /// - Parameter maximumLineLength: the longest command line, its CRLF excluded.
    public init(maximumLineLength: Int) {
        framer = FramingParser(limits: IMAPLimits(maximumLineLength: maximumLineLength + 2))
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

    /// Reads and parses the next frame as `request` says, now if its bytes are buffered or as
    /// soon as they arrive. Runs on the channel's event loop.
    func request(_ request: IMAPReadRequest) {
        guard let context else { return }
        pending = request
        var limits = framer.limits
        limits.maximumLiteralSize = request.maximumMessageLiteral
        limits.maximumNonMessageLiteralSize = request.maximumOtherLiteral
        framer.limits = limits
        deliver(context: context)
        resumeReading(context: context)
    }

    /// Drops every buffered byte and starts a new epoch with a fresh parser (STARTTLS).
    public func discardBufferedInput() {
        dropBufferedInput()
        epoch += 1
    }

    /// Drops every buffered byte and starts a fresh parser, in the same epoch (COMPRESS: what
    /// arrived before the OK was sent is not compressed and not allowed).
    func dropBufferedInput() {
        framer = FramingParser(limits: framer.limits)
        if let context { resumeReading(context: context) }
    }

    /// Nobody waits for a frame and at least a full line is buffered.
    private var isHoldingInput: Bool {
        pending == nil && framer.bufferedByteCount > framer.limits.maximumLineLength
    }

    private func resumeReading(context: ChannelHandlerContext) {
        guard readHeld, !isHoldingInput else { return }
        readHeld = false
        context.read()
    }

    private func deliver(context: ChannelHandlerContext) {
        while let request = pending, let event = framer.nextEvent() {
            switch event {
            case .continuationRequest:
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: Self.continuationRequest)), promise: nil)
            case .frame(let bytes):
                switch CommandParser.parse(frame: bytes, mode: request.mode, limits: framer.limits, options: request.options) {
                case .command(let command): emit(.command(command), context: context)
                case .idleDone: emit(.idleDone, context: context)
                case .authenticationResponse(let response): emit(.authenticationResponse(response), context: context)
                case .bad(let bad): emit(.bad(bad), context: context)
                case .continuationRequest: preconditionFailure("a complete frame asks for no continuation")
                }
            case .lineTooLong(let tag):
                emit(.bad(BadCommand(tag: tag, kind: .lineTooLong)), context: context)
            case .tooManyLiterals(let tag):
                emit(.bad(BadCommand(tag: tag, kind: .syntax("too many literals"))), context: context)
            case .literalTooLarge(let tag, let size, let limit, let synchronizing):
                emit(.literalTooLarge(tag: tag, size: size, limit: limit, synchronizing: synchronizing), context: context)
            }
        }
    }

    private func emit(_ kind: IMAPFrame.Kind, context: ChannelHandlerContext) {
        pending = nil
        context.fireChannelRead(wrapInboundOut(IMAPFrame(kind: kind, epoch: epoch)))
        // The async channel hands reads to the session at the end of a read burst; a frame
        // produced by a request, outside any burst, needs its own.
        context.fireChannelReadComplete()
    }
}

extension IMAPFramingHandler: ConnectionFraming {}
