import NIOCore

extension FileSystem {
    /// Writes a whole file from one buffer and commits it.
    /// - Parameters:
    ///   - buffer: The file's content.
    ///   - path: Where the file goes.
    ///   - mode: Whether an existing file may be replaced.
    ///   - metadata: Stored with the file.
    public func write(
        _ buffer: ByteBuffer,
        to path: FSPath,
        mode: FSCreateMode,
        metadata: FSMetadata = FSMetadata()
    ) async throws {
        let writer = try await createWriter(path, mode: mode, metadata: metadata)
        do {
            try await writer.write(buffer)
            try await writer.commit()
        } catch {
            await writer.rollback()
            throw error
        }
    }

    /// Reads a whole file into memory.
    public func readAll(_ path: FSPath) async throws -> ByteBuffer {
        let handle = try await read(path)
        return try await handle.read(at: 0, count: Int(handle.size))
    }

    /// Every entry of a directory (all pages), sorted by name.
    /// - Parameters:
    ///   - directory: The directory; `nil` is the root.
    ///   - namePrefix: Only names starting with this string.
    public func listAll(_ directory: FSPath?, namePrefix: String = "") async throws -> [FSListEntry] {
        var entries: [FSListEntry] = []
        for try await entry in self.entries(in: directory, namePrefix: namePrefix) {
            entries.append(entry)
        }
        return entries
    }
}
