import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An open posix file; reads are `pread()` calls on the thread pool. The descriptor is closed
/// (on the thread pool) when the handle is deinitialized.
final class PosixReadHandle: FSReadHandle {
    let path: FSPath
    let size: Int64
    private let descriptor: CInt
    private let threadPool: NIOThreadPool

    init(path: FSPath, size: Int64, descriptor: CInt, threadPool: NIOThreadPool) {
        self.path = path
        self.size = size
        self.descriptor = descriptor
        self.threadPool = threadPool
    }

    /// Opens a committed file (blocking; call on the thread pool).
    static func openFile(_ path: FSPath, in tree: PosixTree, threadPool: NIOThreadPool) throws -> PosixReadHandle {
        let full = tree.absolute(path)
        let descriptor = open(full, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw tree.error(full) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let failure = tree.error(full)
            close(descriptor)
            throw failure
        }
        guard !info.isDirectory else {
            close(descriptor)
            throw FSError(kind: .isADirectory, path: path.string)
        }
        return PosixReadHandle(path: path, size: Int64(info.st_size), descriptor: descriptor, threadPool: threadPool)
    }

    func read(at offset: Int64, count: Int) async throws -> ByteBuffer {
        precondition(offset >= 0 && count >= 0, "negative offset or count")
        guard offset < size, count > 0 else { return ByteBuffer() }
        let wanted = Int(min(Int64(count), size - offset))
        let descriptor = descriptor
        let path = path
        return try await threadPool.runIfActive {
            var buffer = ByteBufferAllocator().buffer(capacity: wanted)
            try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: wanted) { target in
                var done = 0
                while done < wanted {
                    let count = pread(
                        descriptor,
                        target.baseAddress! + done,
                        wanted - done,
                        off_t(offset) + off_t(done)
                    )
                    if count < 0 && errno == EINTR { continue }
                    if count < 0 { throw PosixTree.error(path.string) }
                    if count == 0 { break }
                    done += count
                }
                return done
            }
            return buffer
        }
    }

    deinit {
        let descriptor = descriptor
        threadPool.submit { _ in close(descriptor) }
    }
}
