/// An asynchronous file system of paths relative to a root: the storage API that dbox, the MTA
/// queue and attachment storage are written against.
///
/// The model fits both a posix directory tree and an object store:
/// - Files are written once, as a stream that never seeks back, and become visible atomically
///   at ``FSWriter/commit()``; a committed file is never modified in place.
/// - Metadata is a small set of key/value pairs fixed at creation.
/// - ``FSCreateMode/failIfExists`` is an atomic conditional create (S3 `If-None-Match: *`).
/// - Listing is by directory and name prefix, in pages.
///
/// Every method may suspend; none blocks the calling thread. All errors thrown are ``FSError``.
public protocol FileSystem: Sendable {
    /// Opens a committed file for reading.
    /// - Throws: ``FSError/Kind/notFound`` when there is no such file.
    func read(_ path: FSPath) async throws -> any FSReadHandle

    /// The size and modification time of a committed file.
    /// - Throws: ``FSError/Kind/notFound`` when there is no such file.
    func stat(_ path: FSPath) async throws -> FSFileInfo

    /// Whether a committed file exists at `path` (a directory is not a file).
    func exists(_ path: FSPath) async throws -> Bool

    /// The metadata the file was created with.
    /// - Throws: ``FSError/Kind/notFound`` when there is no such file.
    func metadata(of path: FSPath) async throws -> FSMetadata

    /// Starts writing a file. Nothing is visible at `path` until ``FSWriter/commit()``;
    /// parent directories are created as needed.
    /// - Parameters:
    ///   - path: Where the file will be.
    ///   - mode: Whether commit may replace an existing file.
    ///   - metadata: Stored with the file, read back by ``metadata(of:)``.
    func createWriter(_ path: FSPath, mode: FSCreateMode, metadata: FSMetadata) async throws -> any FSWriter

    /// Deletes a file. Deleting a file that does not exist succeeds (as on object stores), so
    /// two sessions expunging the same message do not fail.
    /// - Throws: ``FSError/Kind/isADirectory`` when `path` is a directory.
    func delete(_ path: FSPath) async throws

    /// Moves a file, with its metadata, replacing any file at `destination`.
    ///
    /// Atomic on posix (`rename()`); an object store copies then deletes, so a reader may briefly
    /// see both names.
    /// - Throws: ``FSError/Kind/notFound`` when `source` does not exist.
    func rename(from source: FSPath, to destination: FSPath) async throws

    /// Copies a file with its metadata. Backends make this cheap where they can (posix: a hard link).
    /// - Throws: ``FSError/Kind/notFound`` when `source` does not exist; ``FSError/Kind/alreadyExists``
    ///   when `destination` exists and `mode` is ``FSCreateMode/failIfExists``.
    func copy(from source: FSPath, to destination: FSPath, mode: FSCreateMode) async throws

    /// One page of a directory listing. Backend-private files (temporary files, metadata
    /// sidecars) are never listed.
    func list(_ request: FSListRequest) async throws -> FSListPage

    /// Takes an exclusive lock on `path` (which need not exist) if no one holds it.
    ///
    /// Locks live in this process only: they serialize tasks, not processes or hosts.
    /// - Returns: The lock, released by ``FSLock/unlock()`` or when it is deinitialized; `nil` when
    ///   the path is already locked.
    func tryLock(_ path: FSPath) async throws -> FSLock?
}
