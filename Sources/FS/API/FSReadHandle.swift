import NIOCore

/// A committed file opened for reading.
///
/// The handle reads the file as it was when opened: a later replace or delete does not change
/// what it returns (posix keeps the open inode; object stores pin the version).
public protocol FSReadHandle: Sendable {
    /// The path the handle was opened for.
    var path: FSPath { get }

    /// The file's size in bytes when it was opened.
    var size: Int64 { get }

    /// Reads up to `count` bytes starting at `offset` (a positional read; nothing is shared between calls).
    ///
    /// Returns fewer bytes only at the end of the file, and an empty buffer at or past the end.
    func read(at offset: Int64, count: Int) async throws -> ByteBuffer
}

extension FSReadHandle {
    /// The file's bytes from start to end, in chunks of at most `chunkSize` bytes.
    public func chunks(chunkSize: Int = 128 * 1024) -> FSReadChunks {
        FSReadChunks(handle: self, chunkSize: chunkSize)
    }
}
