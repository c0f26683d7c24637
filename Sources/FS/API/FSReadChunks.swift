import NIOCore

/// The bytes of an ``FSReadHandle`` as an asynchronous sequence of buffers, read front to back.
public struct FSReadChunks: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    private let handle: any FSReadHandle
    private let chunkSize: Int

    init(handle: any FSReadHandle, chunkSize: Int) {
        precondition(chunkSize > 0, "chunk size must be positive")
        self.handle = handle
        self.chunkSize = chunkSize
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(handle: handle, chunkSize: chunkSize)
    }

    /// Reads the next chunk on demand.
    public struct AsyncIterator: AsyncIteratorProtocol {
        private let handle: any FSReadHandle
        private let chunkSize: Int
        private var offset: Int64 = 0

        init(handle: any FSReadHandle, chunkSize: Int) {
            self.handle = handle
            self.chunkSize = chunkSize
        }

        public mutating func next() async throws -> ByteBuffer? {
            guard offset < handle.size else { return nil }
            let count = Int(Swift.min(Int64(chunkSize), handle.size - offset))
            let chunk = try await handle.read(at: offset, count: count)
            guard chunk.readableBytes > 0 else { return nil }
            offset += Int64(chunk.readableBytes)
            return chunk
        }
    }
}
