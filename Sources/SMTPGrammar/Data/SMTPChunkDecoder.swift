import struct NIOCore.ByteBuffer

/// Reads the chunk after `BDAT size [LAST]` (RFC 3030 §3): exactly `size` octets, taken as they are —
/// no dot-stuffing, no line-end rules, no terminator.
///
/// Resumable: yields the chunk in pieces as bytes arrive and then ``Event/end`` once; bytes after the
/// chunk stay in the buffer (the next command). To skip a chunk the session will refuse (the message
/// got too big, or no valid MAIL/RCPT), decode it with `discarding: true`: the bytes are consumed and
/// nothing is yielded, so the session stays in step (RFC 3030 §2 requires the server to read the
/// chunk even when it rejects the command).
public struct SMTPChunkDecoder: Sendable {
    /// What the decoder yields.
    public enum Event: Hashable, Sendable {
        /// Chunk bytes.
        case content(ByteBuffer)
        /// All `size` bytes were read.
        case end
    }

    private var remaining: Int
    private let discarding: Bool
    private var ended = false

    /// Makes a decoder for one chunk of `size` octets.
    public init(size: Int, discarding: Bool = false) {
        precondition(size >= 0, "chunk size cannot be negative")
        self.remaining = size
        self.discarding = discarding
    }

    /// Consumes chunk bytes from `buffer`; nil when `buffer` is empty and more bytes are needed. Must
    /// not be called again after ``Event/end``.
    public mutating func next(_ buffer: inout ByteBuffer) -> Event? {
        precondition(!self.ended, "SMTPChunkDecoder used after the end of the chunk")
        if self.remaining == 0 {
            self.ended = true
            return .end
        }
        let count = min(self.remaining, buffer.readableBytes)
        guard count > 0 else { return nil }
        self.remaining -= count
        if self.discarding {
            buffer.moveReaderIndex(forwardBy: count)
            return self.next(&buffer)
        }
        return .content(buffer.readSlice(length: count)!)
    }
}
