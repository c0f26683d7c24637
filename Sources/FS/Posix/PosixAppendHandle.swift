import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension PosixFileSystem: AppendableFileSystem {
    public func openForAppending(_ path: FSPath) async throws -> any FSAppendHandle {
        let threadPool = threadPool
        return try await run { tree in try PosixAppendHandle.openFile(path, in: tree, threadPool: threadPool) }
    }
}

/// A posix file written in place with `pwrite()`; every system call runs on the thread pool.
final class PosixAppendHandle: FSAppendHandle {
    let path: FSPath
    private let tree: PosixTree
    private let threadPool: NIOThreadPool
    /// The descriptor, `nil` once closed; and whether the file's directory entry still needs a sync.
    private let state: Mutex<(descriptor: CInt?, created: Bool)>

    private init(path: FSPath, tree: PosixTree, threadPool: NIOThreadPool, descriptor: CInt, created: Bool) {
        self.path = path
        self.tree = tree
        self.threadPool = threadPool
        self.state = Mutex((descriptor, created))
    }

    /// Opens or creates the file (blocking; call on the thread pool).
    static func openFile(_ path: FSPath, in tree: PosixTree, threadPool: NIOThreadPool) throws -> PosixAppendHandle {
        let full = tree.absolute(path)
        var descriptor = open(full, O_RDWR | O_CLOEXEC)
        var created = false
        if descriptor < 0 && errno == ENOENT {
            let create = { open(full, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, tree.options.fileMode) }
            descriptor = create()
            if descriptor < 0 && errno == ENOENT {
                try tree.makeDirectories(path.parent)
                descriptor = create()
            }
            created = true
        }
        guard descriptor >= 0 else { throw tree.error(full) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.isRegularFile else {
            let failure = info.isDirectory ? FSError(kind: .isADirectory, path: path.string) : tree.error(full)
            closeDescriptor(descriptor)
            throw failure
        }
        return PosixAppendHandle(path: path, tree: tree, threadPool: threadPool, descriptor: descriptor, created: created)
    }

    private func descriptor() -> CInt {
        guard let descriptor = state.withLock({ $0.descriptor }) else {
            preconditionFailure("use of the closed append handle of \(path)")
        }
        return descriptor
    }

    func size() async throws -> Int64 {
        let descriptor = descriptor()
        return try await threadPool.runIfActive { [tree, path] in
            var info = stat()
            guard fstat(descriptor, &info) == 0 else { throw tree.error(tree.absolute(path)) }
            return Int64(info.st_size)
        }
    }

    func write(_ buffer: ByteBuffer, at offset: Int64) async throws {
        precondition(offset >= 0, "negative offset")
        let descriptor = descriptor()
        try await threadPool.runIfActive { [tree, path] in
            try buffer.withUnsafeReadableBytes { bytes in
                var done = 0
                while done < bytes.count {
                    let written = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw tree.error(tree.absolute(path))
                    }
                    done += written
                }
            }
        }
    }

    func truncate(to size: Int64) async throws {
        let descriptor = descriptor()
        try await threadPool.runIfActive { [tree, path] in
            if ftruncate(descriptor, off_t(size)) != 0 { throw tree.error(tree.absolute(path)) }
        }
    }

    func sync() async throws {
        let descriptor = descriptor()
        let created = state.withLock { $0.created }
        try await threadPool.runIfActive { [tree, path] in
            guard tree.options.fsync.syncsData else { return }
            try tree.syncFile(descriptor, path: tree.absolute(path))
            if created { try tree.syncDirectory(tree.absoluteDirectory(path.parent)) }
        }
        state.withLock { $0.created = false }
    }

    func close() async throws {
        guard let descriptor = state.withLock({ state in
            defer { state.descriptor = nil }
            return state.descriptor
        }) else { return }
        try await threadPool.runIfActive { closeDescriptor(descriptor) }
    }

    deinit {
        guard let descriptor = state.withLock({ $0.descriptor }) else { return }
        threadPool.submit { _ in closeDescriptor(descriptor) }
    }
}

/// `close(2)`, out of reach of ``PosixAppendHandle/close()``'s name.
private func closeDescriptor(_ descriptor: CInt) {
    _ = close(descriptor)
}
