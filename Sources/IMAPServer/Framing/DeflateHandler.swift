import CompressNIO
import NIOCore

/// COMPRESS=DEFLATE (RFC 4978): raw deflate (RFC 1951) in both directions, placed between TLS
/// and the IMAP framing once the session has sent its OK.
///
/// Every outbound write is compressed and sync-flushed, so the client can decompress each
/// response as soon as it arrives (RFC 4978 §4). Inbound, at most ``batchSize`` inflated bytes
/// are passed on per read; more is inflated only when the pipeline asks for the next read. The
/// framing handler stops asking while it holds a full line nobody requested, so a small
/// compressed input that inflates to a huge one is held back like a flood of plain bytes.
final class DeflateHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Inflated bytes passed on per read.
    static let batchSize = 64 * 1024

    private let inflater: ZlibDecompressor
    private let deflater: ZlibCompressor
    /// Compressed bytes received and not inflated yet.
    private var pending = ByteBufferAllocator().buffer(capacity: 1024)
    /// The last inflate filled its output: zlib may hold more even with no input left.
    private var inflaterMayHoldMore = false
    private var delivering = false
    private var readAgain = false

    init() throws {
        inflater = try ZlibDecompressor(algorithm: .deflate)
        deflater = try ZlibCompressor(algorithm: .deflate)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        pending.writeBuffer(&incoming)
        deliverBatch(context: context)
    }

    func read(context: ChannelHandlerContext) {
        guard hasMore else {
            context.read()
            return
        }
        // A read that arrives while a batch is being passed on (asked for below) is answered
        // by the loop, not by recursion.
        guard !delivering else {
            readAgain = true
            return
        }
        delivering = true
        repeat {
            readAgain = false
            deliverBatch(context: context)
            context.fireChannelReadComplete()
            // Ask for the next read as the socket's auto-read would; the handlers above hold it
            // back while they have enough, and release it through here later. When it comes
            // back at once and nothing is left to inflate, it goes on to the socket below.
            context.channel.read()
        } while readAgain && hasMore
        delivering = false
        if readAgain {
            readAgain = false
            context.read()
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var input = unwrapOutboundIn(data)
        var output = context.channel.allocator.buffer(capacity: deflater.maxSize(from: input))
        do {
            try deflater.deflate(from: &input, to: &output, flush: .sync)
        } catch {
            promise?.fail(error)
            context.fireErrorCaught(error)
            return
        }
        context.write(wrapOutboundOut(output), promise: promise)
    }

    private var hasMore: Bool { pending.readableBytes > 0 || inflaterMayHoldMore }

    /// Inflates up to ``batchSize`` bytes and passes them on; corrupt input closes the connection.
    private func deliverBatch(context: ChannelHandlerContext) {
        guard hasMore else { return }
        var output = context.channel.allocator.buffer(capacity: Self.batchSize)
        do {
            try inflater.inflate(from: &pending, to: &output)
            inflaterMayHoldMore = false
        } catch let error as CompressNIOError where error == .bufferOverflow {
            inflaterMayHoldMore = true
        } catch let error as CompressNIOError where error == .inputBufferOverflow {
            inflaterMayHoldMore = false
        } catch {
            context.fireErrorCaught(error)
            context.close(promise: nil)
            return
        }
        pending.discardReadBytes()
        if output.readableBytes > 0 {
            context.fireChannelRead(wrapInboundOut(output))
        }
    }
}
