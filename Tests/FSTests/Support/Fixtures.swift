import FS
import NIOCore
import Testing

/// A path literal in tests; traps on an invalid one.
func path(_ string: String) -> FSPath {
    try! FSPath(string)
}

/// `count` bytes of a pattern that differs per `seed`, so misplaced bytes are noticed (the
/// pattern repeats every 65521 bytes, a prime, so no power-of-two misplacement hides).
func patternBytes(_ count: Int, seed: UInt8 = 0) -> ByteBuffer {
    let period = 65521
    let block = (0..<min(count, period)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8 &+ Int(seed)) }
    var buffer = ByteBufferAllocator().buffer(capacity: count)
    while buffer.readableBytes < count {
        buffer.writeBytes(block.prefix(count - buffer.readableBytes))
    }
    return buffer
}

/// Expects `body` to throw an ``FSError`` of `kind`.
func expectFSError<Result>(
    _ kind: FSError.Kind,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Result
) async {
    do {
        _ = try await body()
        Issue.record("expected FSError \(kind), nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as FSError {
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected FSError \(kind), got \(error)", sourceLocation: sourceLocation)
    }
}

extension FileSystem {
    /// Writes a string to a file (test shorthand).
    func write(_ string: String, to path: FSPath, mode: FSCreateMode = .failIfExists, metadata: FSMetadata = [:])
        async throws
    {
        try await write(ByteBuffer(string: string), to: path, mode: mode, metadata: metadata)
    }

    /// A whole file as a string (test shorthand).
    func string(_ path: FSPath) async throws -> String {
        String(buffer: try await readAll(path))
    }

    /// The names in a directory (all pages).
    func names(_ directory: FSPath?, namePrefix: String = "") async throws -> [String] {
        try await listAll(directory, namePrefix: namePrefix).map(\.name)
    }
}
