import NIOCore

/// A file system that can also extend a file in place: the one exception to the write-once
/// model, for multi-dbox storage files, where many messages are appended to one file.
///
/// Only backends with real files offer it (posix); an object store cannot append. Nothing
/// serializes appenders: the caller holds a lock of its own for as long as a handle is open.
public protocol AppendableFileSystem: FileSystem {
    /// Opens `path` for writing in place, creating an empty file (and its parent directories)
    /// when missing. What is written is visible to readers at once and durable after
    /// ``FSAppendHandle/sync()``.
    func openForAppending(_ path: FSPath) async throws -> any FSAppendHandle
}

/// A file open for writing in place, from ``AppendableFileSystem/openForAppending(_:)``.
///
/// Use it from one task at a time and ``close()`` it when done; a handle that is deinitialized
/// open closes its descriptor then.
public protocol FSAppendHandle: Sendable {
    /// The path the handle was opened for.
    var path: FSPath { get }

    /// The file's current size in bytes.
    func size() async throws -> Int64

    /// Writes all of `buffer` at `offset` (a positional write; the file grows as needed).
    func write(_ buffer: ByteBuffer, at offset: Int64) async throws

    /// Cuts the file to `size` bytes (the leftovers of a writer that crashed).
    func truncate(to size: Int64) async throws

    /// Makes what was written durable, as the backend's fsync policy says; the first sync of a
    /// file this handle created also makes its directory entry durable.
    func sync() async throws

    /// Closes the file. Calling it again does nothing.
    func close() async throws
}
