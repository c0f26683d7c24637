import NIOCore
import ServerKit
import SMTPGrammar

/// Cuts an LMTP connection's bytes into command lines and message content, switching between
/// them without letting a client smuggle commands into a message or a message into commands.
///
/// - Command lines are framed by ``SMTPCommandLineFramer`` (bounded; an overlong line becomes one
///   ``LMTPFrame/badLine(_:)`` in order with the other pipelined commands).
/// - After a `DATA` line nothing more is read until the session sends an ``LMTPFramingDirective``:
///   message content after `354`, commands again after a refusal. Content is decoded by
///   ``SMTPDataDecoder``: only `CRLF.CRLF` ends it, a bare LF or CR never does, and past the size
///   limit bytes are dropped while the decoder reads on to the end.
/// - After a `BDAT n` line exactly `n` octets are chunk content whatever the session answers
///   (RFC 3030 §2); chunks larger than the message limit are consumed without being passed on.
public final class LMTPFramingHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = LMTPFrame
    public typealias OutboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    private enum Mode {
        case commands
        case awaitingDirective
        case message(SMTPDataDecoder)
        case chunk(SMTPChunkDecoder)
    }

    /// The most bytes held after a DATA line while the session decides how to answer it.
    static let maximumBytesAwaitingDirective = 1 << 20

    private let maximumLineLength: Int
    private let maximumMessageSize: Int
    private var framer: SMTPCommandLineFramer
    private var mode = Mode.commands
    private var buffer = ByteBuffer()

    /// - Parameters:
    ///   - maximumLineLength: the longest command line, CRLF included.
    ///   - maximumMessageSize: chunks announced larger than this are read and dropped.
    public init(maximumLineLength: Int, maximumMessageSize: Int) {
        self.maximumLineLength = maximumLineLength
        self.maximumMessageSize = maximumMessageSize
        self.framer = SMTPCommandLineFramer(strictness: .lenient, maximumLineLength: maximumLineLength)
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        if case .awaitingDirective = mode, buffer.readableBytes > Self.maximumBytesAwaitingDirective {
            // RFC 2920 §3.1: DATA ends a pipelined group; a client that streams on before the 354
            // is not speaking LMTP, and holding its bytes would be unbounded.
            context.close(promise: nil)
            return
        }
        process(context: context)
    }

    public func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let directive = event as? LMTPFramingDirective else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        if case .awaitingDirective = mode {
            switch directive {
            case .readMessage(let maximumSize):
                mode = .message(SMTPDataDecoder(maximumSize: maximumSize, bareLineEndingPolicy: .reject))
            case .readCommands:
                mode = .commands
            }
        }
        promise?.succeed(())
        process(context: context)
        // Frames already buffered are only handed to the session at a read-complete; no socket
        // read may follow (the whole message can be in the buffer), so signal one here.
        context.fireChannelReadComplete()
    }

    /// Drops everything buffered; LMTP has no STARTTLS, so only a closing connection uses it.
    public func discardBufferedInput() {
        buffer.clear()
        framer = SMTPCommandLineFramer(strictness: .lenient, maximumLineLength: maximumLineLength)
        mode = .commands
    }

    private func process(context: ChannelHandlerContext) {
        while let frame = nextFrame() {
            context.fireChannelRead(wrapInboundOut(frame))
        }
        if buffer.readableBytes == 0 { buffer.clear() } else if buffer.readerIndex > 65536 { buffer.discardReadBytes() }
    }

    private func nextFrame() -> LMTPFrame? {
        switch mode {
        case .commands:
            return nextCommandFrame()
        case .awaitingDirective:
            return nil
        case .message(var decoder):
            let event = decoder.next(&buffer)
            switch event {
            case .content(let bytes):
                mode = .message(decoder)
                return .content(bytes)
            case .end(let summary):
                mode = .commands
                return .dataEnd(summary)
            case nil:
                mode = .message(decoder)
                return nil
            }
        case .chunk(var decoder):
            let event = decoder.next(&buffer)
            switch event {
            case .content(let bytes):
                mode = .chunk(decoder)
                return .content(bytes)
            case .end:
                mode = .commands
                return .chunkEnd
            case nil:
                mode = .chunk(decoder)
                return nil
            }
        }
    }

    private func nextCommandFrame() -> LMTPFrame? {
        let frame: SMTPCommandLineFramer.Frame
        do {
            guard let next = try framer.next(&buffer) else { return nil }
            frame = next
        } catch {
            return .badLine(error)
        }
        switch Self.messageCommand(frame.line) {
        case .data:
            mode = .awaitingDirective
        case .bdat(let size, _):
            mode = .chunk(SMTPChunkDecoder(size: size, discarding: size > maximumMessageSize))
        default:
            break
        }
        return .line(frame.line)
    }

    /// The command when `line` is a well-formed DATA or BDAT; the session parses every line again.
    private static func messageCommand(_ line: ByteBuffer) -> SMTPCommand? {
        guard line.readableBytes >= 4, let verb = line.getString(at: line.readerIndex, length: 4)?.uppercased(),
            verb == "DATA" || verb == "BDAT"
        else { return nil }
        return try? SMTPCommandParser().parse(line).command
    }
}

extension LMTPFramingHandler: ConnectionFraming {}
