import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file system kept in memory, for tests of the layers above `FS`.
///
/// It behaves like an object store: directories exist only as the prefixes of files' paths.
public actor InMemoryFileSystem: FileSystem {
    struct File: Sendable {
        var data: ByteBuffer
        var metadata: FSMetadata
        var modificationTime: Duration
    }

    private var files: [FSPath: File] = [:]
    private let locks = FSLockTable()

    /// Creates an empty file system.
    public init() {}

    public func read(_ path: FSPath) throws -> any FSReadHandle {
        InMemoryReadHandle(path: path, data: try file(at: path).data)
    }

    public func stat(_ path: FSPath) throws -> FSFileInfo {
        let file = try file(at: path)
        return FSFileInfo(size: Int64(file.data.readableBytes), modificationTime: file.modificationTime)
    }

    public func exists(_ path: FSPath) -> Bool {
        files[path] != nil
    }

    public func metadata(of path: FSPath) throws -> FSMetadata {
        try file(at: path).metadata
    }

    public func createWriter(_ path: FSPath, mode: FSCreateMode, metadata: FSMetadata) -> any FSWriter {
        InMemoryWriter(fileSystem: self, path: path, mode: mode, metadata: metadata)
    }

    public func delete(_ path: FSPath) throws {
        if files.removeValue(forKey: path) == nil, isDirectory(path) {
            throw FSError(kind: .isADirectory, path: path.string)
        }
    }

    public func rename(from source: FSPath, to destination: FSPath) throws {
        let file = try file(at: source)
        try checkPlaceable(destination)
        files[source] = nil
        files[destination] = file
    }

    public func copy(from source: FSPath, to destination: FSPath, mode: FSCreateMode) throws {
        let file = try file(at: source)
        try place(file, at: destination, mode: mode)
    }

    public func list(_ request: FSListRequest) -> FSListPage {
        let prefix = request.directory.map { $0.string + "/" } ?? ""
        var entries: [String: FSListEntry.Kind] = [:]
        for path in files.keys where path.string.hasPrefix(prefix) {
            let rest = path.string.dropFirst(prefix.count)
            if let slash = rest.firstIndex(of: "/") {
                entries[String(rest[..<slash])] = .directory
            } else {
                entries[String(rest)] = .file
            }
        }
        return FSListPage.cut(entries.map { FSListEntry(name: $0.key, kind: $0.value) }, for: request)
    }

    public func tryLock(_ path: FSPath) -> FSLock? {
        locks.tryLock(path.string, path: path)
    }

    /// Stores a written file; called by ``InMemoryWriter`` at commit.
    func commit(_ data: ByteBuffer, at path: FSPath, mode: FSCreateMode, metadata: FSMetadata) throws {
        try place(File(data: data, metadata: metadata, modificationTime: Self.now()), at: path, mode: mode)
    }

    private func place(_ file: File, at path: FSPath, mode: FSCreateMode) throws {
        if mode == .failIfExists, files[path] != nil {
            throw FSError(kind: .alreadyExists, path: path.string)
        }
        try checkPlaceable(path)
        files[path] = file
    }

    /// Refuses a file where a directory is, or under a file, as posix would.
    private func checkPlaceable(_ path: FSPath) throws {
        if isDirectory(path) { throw FSError(kind: .isADirectory, path: path.string) }
        var parent = path.parent
        while let directory = parent {
            if files[directory] != nil { throw FSError(kind: .notADirectory, path: path.string) }
            parent = directory.parent
        }
    }

    private func file(at path: FSPath) throws -> File {
        if let file = files[path] { return file }
        throw FSError(kind: isDirectory(path) ? .isADirectory : .notFound, path: path.string)
    }

    private func isDirectory(_ path: FSPath) -> Bool {
        let prefix = path.string + "/"
        return files.keys.contains { $0.string.hasPrefix(prefix) }
    }

    private static func now() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }
}
