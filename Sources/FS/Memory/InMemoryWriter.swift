import NIOCore

/// A writer of an ``InMemoryFileSystem`` file: buffers until commit.
actor InMemoryWriter: FSWriter {
    nonisolated let path: FSPath
    private let fileSystem: InMemoryFileSystem
    private let mode: FSCreateMode
    private let metadata: FSMetadata
    private var data = ByteBuffer()
    private var finished = false

    init(fileSystem: InMemoryFileSystem, path: FSPath, mode: FSCreateMode, metadata: FSMetadata) {
        self.fileSystem = fileSystem
        self.path = path
        self.mode = mode
        self.metadata = metadata
    }

    func write(_ buffer: ByteBuffer) {
        precondition(!finished, "write after commit or rollback of \(path)")
        var buffer = buffer
        data.writeBuffer(&buffer)
    }

    func commit() async throws {
        precondition(!finished, "commit after commit or rollback of \(path)")
        finished = true
        try await fileSystem.commit(data, at: path, mode: mode, metadata: metadata)
        data = ByteBuffer()
    }

    func rollback() {
        guard !finished else { return }
        finished = true
        data = ByteBuffer()
    }
}
