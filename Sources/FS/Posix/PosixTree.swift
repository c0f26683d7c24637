#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The blocking half of the posix backend: system calls on paths under one root.
///
/// Every method blocks; callers run them on a thread pool, never on an event loop.
struct PosixTree: Sendable {
    /// The absolute root directory, without a trailing `/`.
    let root: String
    let options: PosixFileSystem.Options
    /// The resolved metadata storage (never ``PosixMetadataStorage/automatic``).
    let metadataStorage: PosixMetadataStorage

    /// The name of the extended attribute that holds a file's metadata.
    static let metadataAttribute = "user.columba.metadata"

    // MARK: - Paths

    func absolute(_ path: FSPath) -> String {
        root + "/" + path.string
    }

    func absoluteDirectory(_ directory: FSPath?) -> String {
        directory.map(absolute) ?? root
    }

    /// A new unique temporary file name in the directory of `path`, like Dovecot's `.temp.<host>.<pid>.<random>`.
    func temporaryPath(near path: FSPath) -> String {
        absoluteDirectory(path.parent) + "/" + Self.temporaryName()
    }

    static func temporaryName() -> String {
        ".temp.\(hostName).\(getpid()).\(String(UInt64.random(in: .min ... .max), radix: 16))"
    }

    /// This host's name, as it appears in temporary file names (`/` replaced by `_`).
    private static let hostName: String = {
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count - 1)
        let name = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(name.map { $0 == "/" ? "_" : $0 })
    }()

    // MARK: - Errors

    /// The current `errno` as an ``FSError`` about `path`.
    static func error(_ path: String, errno code: Int32 = errno) -> FSError {
        let kind: FSError.Kind
        switch code {
        case ENOENT: kind = .notFound
        case EEXIST: kind = .alreadyExists
        case ENOTDIR: kind = .notADirectory
        case EISDIR: kind = .isADirectory
        case EACCES, EPERM: kind = .permissionDenied
        case ENAMETOOLONG: kind = .invalidPath
        default: kind = .io
        }
        return FSError(kind: kind, path: path, errno: code, detail: String(cString: strerror(code)))
    }

    /// The error for a system call on `absolutePath`, naming the path relative to the root.
    func error(_ absolutePath: String, errno code: Int32 = errno) -> FSError {
        Self.error(relative(absolutePath), errno: code)
    }

    private func relative(_ absolutePath: String) -> String {
        absolutePath.hasPrefix(root + "/") ? String(absolutePath.dropFirst(root.count + 1)) : absolutePath
    }

    // MARK: - Basics

    /// `stat()` of a path, or `nil` when it does not exist.
    func statIfExists(_ absolutePath: String) throws -> stat? {
        var info = stat()
        if stat(absolutePath, &info) == 0 { return info }
        if errno == ENOENT || errno == ENOTDIR { return nil }
        throw error(absolutePath)
    }

    /// `stat()` of a path that must be a regular file.
    func statFile(_ path: FSPath) throws -> stat {
        guard let info = try statIfExists(absolute(path)) else {
            throw FSError(kind: .notFound, path: path.string)
        }
        if info.isDirectory { throw FSError(kind: .isADirectory, path: path.string) }
        return info
    }

    /// Creates `directory` and its missing parents; new entries are fsynced per policy.
    func makeDirectories(_ directory: FSPath?) throws {
        guard let directory else { return }
        var current = root
        for component in directory.components {
            let parent = current
            current += "/" + component
            if mkdir(current, options.directoryMode) == 0 {
                if options.fsync.syncsDirectoryChanges { try syncDirectory(parent) }
            } else if errno != EEXIST {
                throw error(current)
            }
        }
    }

    /// fsyncs a directory so the entries just changed in it are durable.
    func syncDirectory(_ absolutePath: String) throws {
        let descriptor = open(absolutePath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw error(absolutePath) }
        defer { close(descriptor) }
        if options.syscalls.fsync(descriptor) != 0 { throw error(absolutePath) }
    }

    /// fsyncs an open file.
    func syncFile(_ descriptor: CInt, path: String) throws {
        if options.syscalls.fsync(descriptor) != 0 { throw error(path) }
    }

    /// Removes a path, ignoring a missing one.
    func unlinkIfExists(_ absolutePath: String) throws {
        if unlink(absolutePath) != 0 && errno != ENOENT { throw error(absolutePath) }
    }

    /// Writes all of `bytes` to `descriptor`.
    func writeAll(_ descriptor: CInt, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw error(path)
            }
            offset += written
        }
    }
}

extension stat {
    var isDirectory: Bool { (st_mode & S_IFMT) == S_IFDIR }
    var isRegularFile: Bool { (st_mode & S_IFMT) == S_IFREG }

    /// The modification time as a duration since the Unix epoch.
    var modificationTime: Duration {
        #if canImport(Darwin)
        .seconds(st_mtimespec.tv_sec) + .nanoseconds(st_mtimespec.tv_nsec)
        #else
        .seconds(st_mtim.tv_sec) + .nanoseconds(st_mtim.tv_nsec)
        #endif
    }
}
