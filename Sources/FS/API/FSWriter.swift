import NIOCore

/// A file being written: bytes are streamed in order and become visible only at ``commit()``.
///
/// Use a writer from one task at a time. Finish it with ``commit()`` or ``rollback()``; a writer
/// dropped without either is rolled back: whatever it wrote is discarded and nothing appears at
/// its path. Writing or committing a finished writer is a programming error and traps;
/// ``rollback()`` of a finished writer does nothing, so error paths may always call it.
public protocol FSWriter: Sendable {
    /// The path the file will have after commit.
    var path: FSPath { get }

    /// Appends bytes to the file. There is no seeking back.
    func write(_ buffer: ByteBuffer) async throws

    /// Makes the file visible at ``path`` atomically, with its metadata, durable per the backend's policy.
    ///
    /// After a failed commit nothing new is visible and the writer is finished (rolled back).
    /// - Throws: ``FSError/Kind/alreadyExists`` when the mode is ``FSCreateMode/failIfExists`` and the
    ///   file exists.
    func commit() async throws

    /// Discards the written bytes; nothing appears at ``path``. Does nothing if already finished.
    func rollback() async
}
