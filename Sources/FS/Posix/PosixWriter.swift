import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A posix writer: bytes go to a temporary file next to the target (buffered, written on the
/// thread pool), and commit links or renames it into place.
actor PosixWriter: FSWriter {
    nonisolated let path: FSPath
    private let tree: PosixTree
    private let threadPool: NIOThreadPool
    private let mode: FSCreateMode
    private let metadata: FSMetadata
    private let temporary: String
    /// The temporary file's descriptor; `nil` once committed or rolled back.
    private var descriptor: CInt?
    private var pending: ByteBuffer
    /// The error of a failed write; the file is incomplete, so commit must fail too.
    private var failure: (any Error)?

    /// Bytes collected before one `write()` on the thread pool.
    static let flushThreshold = 256 * 1024

    init(
        path: FSPath,
        mode: FSCreateMode,
        metadata: FSMetadata,
        tree: PosixTree,
        threadPool: NIOThreadPool,
        descriptor: CInt,
        temporary: String
    ) {
        self.path = path
        self.mode = mode
        self.metadata = metadata
        self.tree = tree
        self.threadPool = threadPool
        self.descriptor = descriptor
        self.temporary = temporary
        self.pending = ByteBufferAllocator().buffer(capacity: Self.flushThreshold)
    }

    func write(_ buffer: ByteBuffer) async throws {
        guard let descriptor else { preconditionFailure("write after commit or rollback of \(path)") }
        if let failure { throw failure }
        pending.writeImmutableBuffer(buffer)
        guard pending.readableBytes >= Self.flushThreshold else { return }
        let bytes = pending
        pending = ByteBufferAllocator().buffer(capacity: Self.flushThreshold)
        do {
            try await threadPool.runIfActive { [tree, temporary] in
                try bytes.withUnsafeReadableBytes { try tree.writeAll(descriptor, $0, path: temporary) }
            }
        } catch {
            failure = error
            throw error
        }
    }

    func commit() async throws {
        guard let descriptor else { preconditionFailure("commit after commit or rollback of \(path)") }
        if let failure {
            await rollback()
            throw failure
        }
        self.descriptor = nil
        let bytes = pending
        pending = ByteBuffer()
        try await threadPool.runIfActive { [tree, temporary, path, mode, metadata] in
            do {
                try bytes.withUnsafeReadableBytes { try tree.writeAll(descriptor, $0, path: temporary) }
            } catch {
                tree.discard(descriptor, temporary)
                throw error
            }
            try tree.commit(descriptor: descriptor, temporary: temporary, to: path, mode: mode, metadata: metadata)
        }
    }

    func rollback() async {
        guard let descriptor else { return }
        self.descriptor = nil
        pending = ByteBuffer()
        do {
            try await threadPool.runIfActive { [tree, temporary] in tree.discard(descriptor, temporary) }
        } catch {
            // The thread pool is shut down (the process is stopping): clean up here.
            tree.discard(descriptor, temporary)
        }
    }

    deinit {
        guard let descriptor else { return }
        let tree = tree
        let temporary = temporary
        threadPool.submit { _ in tree.discard(descriptor, temporary) }
    }
}
