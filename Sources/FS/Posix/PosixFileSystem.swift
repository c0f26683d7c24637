import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The `posix` backend: files in a directory tree under a root directory.
///
/// A writer writes to a temporary file `.temp.<host>.<pid>.<random>` in the target's directory;
/// commit fsyncs it, then `link()`s it into place (``FSCreateMode/failIfExists``: atomic and
/// no-clobber) or `rename()`s it over the target (``FSCreateMode/replace``), then fsyncs the
/// directory, as ``Options/fsync`` says. Copy is a hard link. Every system call runs on a
/// `NIOThreadPool`, never on the caller's thread.
///
/// When the directory fsync after the link or rename fails, commit throws although the file is
/// already visible: the error means "not known to be durable", and the caller must not
/// acknowledge the data.
public struct PosixFileSystem: FileSystem {
    private let tree: PosixTree
    let threadPool: NIOThreadPool

    /// The absolute root directory.
    public var root: String { tree.root }
    /// Where this file system keeps metadata (resolved when opened with ``PosixMetadataStorage/automatic``).
    public var metadataStorage: PosixMetadataStorage { tree.metadataStorage }

    private init(tree: PosixTree, threadPool: NIOThreadPool) {
        self.tree = tree
        self.threadPool = threadPool
    }

    /// Opens a file system rooted at `root`, creating the directory if needed.
    /// - Parameters:
    ///   - root: An absolute directory path.
    ///   - options: fsync policy, metadata storage and permissions.
    ///   - threadPool: Where the blocking system calls run.
    public static func open(
        root: String,
        options: Options = Options(),
        threadPool: NIOThreadPool = .singleton
    ) async throws -> PosixFileSystem {
        guard root.hasPrefix("/"), !root.utf8.contains(0) else {
            throw FSError(kind: .invalidPath, path: root, detail: "the root must be an absolute path")
        }
        var trimmed = root
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let rootPath = trimmed == "/" ? "" : trimmed
        let storage = try await threadPool.runIfActive {
            try Self.makeRoot(rootPath, mode: options.directoryMode)
            switch options.metadataStorage {
            case .automatic: return Self.probeMetadataStorage(in: rootPath)
            case let chosen: return chosen
            }
        }
        let tree = PosixTree(root: rootPath, options: options, metadataStorage: storage)
        return PosixFileSystem(tree: tree, threadPool: threadPool)
    }

    public func read(_ path: FSPath) async throws -> any FSReadHandle {
        let threadPool = threadPool
        return try await run { tree in try PosixReadHandle.openFile(path, in: tree, threadPool: threadPool) }
    }

    public func stat(_ path: FSPath) async throws -> FSFileInfo {
        try await run { tree in
            let info = try tree.statFile(path)
            return FSFileInfo(size: Int64(info.st_size), modificationTime: info.modificationTime)
        }
    }

    public func exists(_ path: FSPath) async throws -> Bool {
        try await run { tree in try tree.statIfExists(tree.absolute(path))?.isRegularFile == true }
    }

    public func metadata(of path: FSPath) async throws -> FSMetadata {
        try await run { tree in try tree.metadata(of: path) }
    }

    public func createWriter(_ path: FSPath, mode: FSCreateMode, metadata: FSMetadata) async throws -> any FSWriter {
        PosixWriter(path: path, mode: mode, metadata: metadata, tree: tree, threadPool: threadPool)
    }

    /// Where `path` of this file system is, for ``PosixBlockingFiles/link(external:to:)`` of another one.
    public func absolutePath(of path: FSPath) -> String {
        tree.absolute(path)
    }

    public func delete(_ path: FSPath) async throws {
        try await run { tree in try tree.delete(path) }
    }

    public func rename(from source: FSPath, to destination: FSPath) async throws {
        try await run { tree in try tree.move(from: source, to: destination) }
    }

    public func copy(from source: FSPath, to destination: FSPath, mode: FSCreateMode) async throws {
        try await run { tree in try tree.copy(from: source, to: destination, mode: mode) }
    }

    public func list(_ request: FSListRequest) async throws -> FSListPage {
        try await run { tree in FSListPage.cut(try tree.entries(of: request.directory), for: request) }
    }

    public func tryLock(_ path: FSPath) async throws -> FSLock? {
        FSLockTable.process.tryLock(tree.absolute(path), path: path)
    }

    /// Deletes temporary files left by crashed writers (older than ``Options/staleTemporaryFileAge``)
    /// anywhere under `directory`. Listing a directory also does this for the directory listed.
    /// - Parameter directory: Where to look; `nil` is the whole tree.
    /// - Returns: How many files were deleted.
    @discardableResult
    public func removeStaleTemporaryFiles(under directory: FSPath? = nil) async throws -> Int {
        try await run { tree in try tree.removeStaleTemporaryFiles(under: directory) }
    }

    func run<Result: Sendable>(_ body: @escaping @Sendable (PosixTree) throws -> Result) async throws -> Result
    {
        let tree = tree
        return try await threadPool.runIfActive { try body(tree) }
    }

    // MARK: - Opening

    /// Creates the root directory and its missing parents.
    private static func makeRoot(_ root: String, mode: mode_t) throws {
        var current = ""
        for component in root.split(separator: "/") {
            current += "/" + component
            if mkdir(current, mode) != 0 && errno != EEXIST { throw PosixTree.error(current) }
        }
    }

    /// Extended attributes if a user attribute can be set on a file in `root`, else sidecar files.
    private static func probeMetadataStorage(in root: String) -> PosixMetadataStorage {
        ExtendedAttribute.isSupported(in: root) ? .extendedAttributes : .sidecarFiles
    }
}
