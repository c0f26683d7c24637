import NIOCore

/// One line as the framing layer delivers it to a session.
public struct LineFrame: Sendable {
    /// What arrived.
    public enum Kind: Sendable {
        /// A complete line without its line ending.
        case line(ByteBuffer)
        /// A line longer than the limit; its bytes were discarded up to and including its end.
        case tooLong
    }

    public var kind: Kind
    /// Increases each time the connection switches to TLS; a session drops frames of an older
    /// epoch, which are plaintext bytes a client pipelined after STARTTLS.
    public var epoch: Int
}

/// Cuts the inbound byte stream into lines ending in LF (a preceding CR is removed), bounded
/// by a maximum length.
///
/// A line over the limit is not delivered: its bytes are dropped up to its end and a single
/// ``LineFrame/Kind/tooLong`` stands for it, so a hostile peer cannot make the server buffer
/// without bound. ``discardBufferedInput()`` throws away everything not yet delivered; STARTTLS
/// uses it so that no plaintext byte received before the handshake is read as part of the
/// encrypted session.
public final class LineFramingHandler: ChannelInboundHandler, RemovableChannelHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = LineFrame

    private let maximumLength: Int
    private var buffer: ByteBuffer?
    private var discardingOverlongLine = false
    private var epoch = 0

    /// - Parameter maximumLength: the longest line accepted, line ending excluded.
    public init(maximumLength: Int) {
        precondition(maximumLength > 0)
        self.maximumLength = maximumLength
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        if buffer == nil {
            buffer = incoming
        } else {
            buffer!.writeBuffer(&incoming)
        }
        deliverLines(context: context)
    }

    /// Drops all buffered bytes and starts a new epoch. Must run on the channel's event loop.
    public func discardBufferedInput() {
        buffer = nil
        discardingOverlongLine = false
        epoch += 1
    }

    private func deliverLines(context: ChannelHandlerContext) {
        while var pending = buffer {
            let view = pending.readableBytesView
            guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
                if pending.readableBytes > maximumLength + 1 {
                    if !discardingOverlongLine {
                        discardingOverlongLine = true
                        context.fireChannelRead(wrapInboundOut(LineFrame(kind: .tooLong, epoch: epoch)))
                    }
                    buffer = nil
                } else {
                    buffer = pending
                }
                return
            }
            let lineLength = newline - view.startIndex
            var line = pending.readSlice(length: lineLength)!
            pending.moveReaderIndex(forwardBy: 1)
            buffer = pending.readableBytes > 0 ? pending : nil
            if discardingOverlongLine {
                discardingOverlongLine = false
                continue
            }
            if line.readableBytes > 0, line.getInteger(at: line.writerIndex - 1, as: UInt8.self) == UInt8(ascii: "\r") {
                line.moveWriterIndex(to: line.writerIndex - 1)
            }
            let kind: LineFrame.Kind = line.readableBytes > maximumLength ? .tooLong : .line(line)
            context.fireChannelRead(wrapInboundOut(LineFrame(kind: kind, epoch: epoch)))
        }
    }
}
