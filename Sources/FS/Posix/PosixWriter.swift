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
///
/// The temporary file is made by the first flush or, for a file below the flush threshold (most
/// mail), by the commit itself: one trip to the thread pool for the whole file.
actor PosixWriter: FSWriter {
    nonisolated let path: FSPath
    private let tree: PosixTree
    private let threadPool: NIOThreadPool
    private let mode: FSCreateMode
    private let metadata: FSMetadata
    /// The temporary file once made, until commit or rollback.
    private var file: (descriptor: CInt, temporary: String)?
    /// Set by commit and rollback.
    private var finished = false
    private var pending: ByteBuffer
    /// The error of a failed write; the file is incomplete, so commit must fail too.
    private var failure: (any Error)?

    /// Bytes collected before one `write()` on the thread pool.
    static let flushThreshold = 256 * 1024

    init(path: FSPath, mode: FSCreateMode, metadata: FSMetadata, tree: PosixTree, threadPool: NIOThreadPool) {
        self.path = path
        self.mode = mode
        self.metadata = metadata
        self.tree = tree
        self.threadPool = threadPool
        self.pending = ByteBufferAllocator().buffer(capacity: Self.flushThreshold)
    }

    func write(_ buffer: ByteBuffer) async throws {
        precondition(!finished, "write after commit or rollback of \(path)")
        if let failure { throw failure }
        pending.writeImmutableBuffer(buffer)
        guard pending.readableBytes >= Self.flushThreshold else { return }
        let bytes = pending
        pending = ByteBufferAllocator().buffer(capacity: Self.flushThreshold)
        let existing = file
        file = nil
        do {
            file = try await threadPool.runIfActive { [tree, path, metadata] in
                try Self.write(bytes, to: existing, of: path, metadata: metadata, in: tree)
            }
        } catch {
            failure = error
            throw error
        }
    }

    func commit() async throws {
        precondition(!finished, "commit after commit or rollback of \(path)")
        if let failure {
            await rollback()
            throw failure
        }
        finished = true
        let bytes = pending
        pending = ByteBuffer()
        let existing = file
        file = nil
        try await threadPool.runIfActive { [tree, path, mode, metadata] in
            try Self.commit(bytes, to: existing, of: path, mode: mode, metadata: metadata, in: tree)
        }
    }

    /// Writes the last `bytes` to the temporary file (made now when there is none) and commits
    /// it to `path` (blocking; call on the thread pool).
    static func commit(
        _ bytes: ByteBuffer,
        to existing: (descriptor: CInt, temporary: String)?,
        of path: FSPath,
        mode: FSCreateMode,
        metadata: FSMetadata,
        in tree: PosixTree
    ) throws {
        let file = try write(bytes, to: existing, of: path, metadata: metadata, in: tree)
        try tree.commit(descriptor: file.descriptor, temporary: file.temporary, to: path, mode: mode, metadata: metadata)
    }

    /// Writes `bytes` to the temporary file, making it first when there is none yet (blocking;
    /// call on the thread pool). A failed write discards the file.
    private static func write(
        _ bytes: ByteBuffer,
        to existing: (descriptor: CInt, temporary: String)?,
        of path: FSPath,
        metadata: FSMetadata,
        in tree: PosixTree
    ) throws -> (descriptor: CInt, temporary: String) {
        let file = try existing ?? tree.createTemporary(for: path, metadata: metadata)
        do {
            try bytes.withUnsafeReadableBytes { try tree.writeAll(file.descriptor, $0, path: file.temporary) }
        } catch {
            tree.discard(file.descriptor, file.temporary)
            throw error
        }
        return file
    }

    func rollback() async {
        guard !finished else { return }
        finished = true
        pending = ByteBuffer()
        guard let file else { return }
        self.file = nil
        do {
            try await threadPool.runIfActive { [tree] in tree.discard(file.descriptor, file.temporary) }
        } catch {
            // The thread pool is shut down (the process is stopping): clean up here.
            tree.discard(file.descriptor, file.temporary)
        }
    }

    deinit {
        guard let file else { return }
        let tree = tree
        threadPool.submit { _ in tree.discard(file.descriptor, file.temporary) }
    }
}
