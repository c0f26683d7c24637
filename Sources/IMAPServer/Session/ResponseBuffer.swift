import NIOCore

/// Collects a command's responses and writes them in few large writes, as Dovecot corks its
/// output: one syscall and one event-loop hop per command instead of one per response line.
/// The session flushes it before it waits for input, so the client always has every answer
/// before the server waits for the client.
final class ResponseBuffer {
    /// Buffered bytes beyond this are written at once (large FETCH bodies stream out).
    static let flushThreshold = 64 * 1024

    private let output: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var pending = ByteBuffer()

    init(output: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.output = output
    }

    func append(_ bytes: ByteBuffer) async throws {
        var bytes = bytes
        pending.writeBuffer(&bytes)
        if pending.readableBytes >= Self.flushThreshold { try await flush() }
    }

    /// Writes what is buffered.
    func flush() async throws {
        guard pending.readableBytes > 0 else { return }
        let bytes = pending
        pending = ByteBuffer()
        try await output.write(bytes)
    }
}
