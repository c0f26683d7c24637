import FS
import NIOCore
import Testing

@Suite("FS conformance: writing and reading")
struct ReadWriteConformanceTests {
    @Test("a small file round-trips", arguments: FSBackend.all)
    func smallRoundTrip(backend: FSBackend) async throws {
        try await backend.run { fs in
            try await fs.write("hello, world", to: path("greeting"))
            #expect(try await fs.string(path("greeting")) == "hello, world")
            #expect(try await fs.stat(path("greeting")).size == 12)
            #expect(try await fs.exists(path("greeting")))
        }
    }

    @Test("an empty file round-trips", arguments: FSBackend.all)
    func emptyRoundTrip(backend: FSBackend) async throws {
        try await backend.run { fs in
            let writer = try await fs.createWriter(path("empty"), mode: .failIfExists, metadata: [:])
            try await writer.commit()
            #expect(try await fs.exists(path("empty")))
            #expect(try await fs.stat(path("empty")).size == 0)
            #expect(try await fs.readAll(path("empty")).readableBytes == 0)
            #expect(try await fs.read(path("empty")).read(at: 0, count: 10).readableBytes == 0)
        }
    }

    @Test("a multi-megabyte file streamed in odd-sized pieces round-trips", arguments: FSBackend.all)
    func streamedRoundTrip(backend: FSBackend) async throws {
        try await backend.run { fs in
            let content = patternBytes(5 * 1024 * 1024 + 123, seed: 7)
            let writer = try await fs.createWriter(path("big/file"), mode: .failIfExists, metadata: [:])
            var rest = content
            var piece = 1
            while rest.readableBytes > 0 {
                piece = piece * 3 % 70_001 + 1
                try await writer.write(rest.readSlice(length: min(piece, rest.readableBytes))!)
            }
            try await writer.commit()

            #expect(try await fs.stat(path("big/file")).size == Int64(content.readableBytes))
            let handle = try await fs.read(path("big/file"))
            var streamed = ByteBuffer()
            for try await var chunk in handle.chunks(chunkSize: 100_000) {
                #expect(chunk.readableBytes <= 100_000)
                streamed.writeBuffer(&chunk)
            }
            #expect(streamed == content)
            #expect(try await fs.readAll(path("big/file")) == content)
        }
    }

    @Test("a file is invisible until commit", arguments: FSBackend.all)
    func visibleOnlyAfterCommit(backend: FSBackend) async throws {
        try await backend.run { fs in
            let writer = try await fs.createWriter(path("box/mail"), mode: .failIfExists, metadata: [:])
            try await writer.write(patternBytes(1000))
            #expect(try await !fs.exists(path("box/mail")))
            #expect(try await fs.names(path("box")) == [])
            await expectFSError(.notFound) { try await fs.read(path("box/mail")) }
            await expectFSError(.notFound) { try await fs.stat(path("box/mail")) }
            try await writer.commit()
            #expect(try await fs.exists(path("box/mail")))
            #expect(try await fs.names(path("box")) == ["mail"])
        }
    }

    @Test("rollback leaves nothing", arguments: FSBackend.all)
    func rollbackLeavesNothing(backend: FSBackend) async throws {
        try await backend.run { fs in
            let writer = try await fs.createWriter(path("box/mail"), mode: .failIfExists, metadata: ["a": "b"])
            try await writer.write(patternBytes(300_000))
            await writer.rollback()
            await writer.rollback()
            #expect(try await !fs.exists(path("box/mail")))
            #expect(try await fs.names(path("box")) == [])
            // The name is still free.
            try await fs.write("later", to: path("box/mail"))
            #expect(try await fs.string(path("box/mail")) == "later")
        }
    }

    @Test("a writer dropped without commit leaves nothing", arguments: FSBackend.all)
    func droppedWriterLeavesNothing(backend: FSBackend) async throws {
        try await backend.run { fs in
            do {
                let writer = try await fs.createWriter(path("box/mail"), mode: .failIfExists, metadata: [:])
                try await writer.write(patternBytes(300_000))
            }
            #expect(try await !fs.exists(path("box/mail")))
            #expect(try await fs.names(path("box")) == [])
        }
    }

    @Test("pread at offsets, at the end and past it", arguments: FSBackend.all)
    func positionalReads(backend: FSBackend) async throws {
        try await backend.run { fs in
            let content = patternBytes(1000, seed: 3)
            try await fs.write(content, to: path("file"), mode: .failIfExists)
            let handle = try await fs.read(path("file"))
            #expect(handle.size == 1000)
            #expect(try await handle.read(at: 0, count: 10) == content.getSlice(at: 0, length: 10))
            #expect(try await handle.read(at: 500, count: 100) == content.getSlice(at: 500, length: 100))
            #expect(try await handle.read(at: 995, count: 10) == content.getSlice(at: 995, length: 5))
            #expect(try await handle.read(at: 1000, count: 10).readableBytes == 0)
            #expect(try await handle.read(at: 5000, count: 10).readableBytes == 0)
            #expect(try await handle.read(at: 10, count: 0).readableBytes == 0)
            // Reads do not depend on each other's position.
            #expect(try await handle.read(at: 0, count: 1000) == content)
        }
    }

    @Test("an open handle keeps reading the file it opened", arguments: FSBackend.all)
    func handleSnapshot(backend: FSBackend) async throws {
        try await backend.run { fs in
            try await fs.write("first", to: path("file"))
            let handle = try await fs.read(path("file"))
            try await fs.write("second version", to: path("file"), mode: .replace)
            #expect(try await handle.read(at: 0, count: 100) == ByteBuffer(string: "first"))
            try await fs.delete(path("file"))
            #expect(try await handle.read(at: 0, count: 100) == ByteBuffer(string: "first"))
        }
    }

    @Test("stat reports sizes and a plausible modification time", arguments: FSBackend.all)
    func statSizes(backend: FSBackend) async throws {
        try await backend.run { fs in
            for size in [0, 1, 4095, 4096, 70_000] {
                try await fs.write(patternBytes(size), to: path("sized/\(size)"), mode: .failIfExists)
                let info = try await fs.stat(path("sized/\(size)"))
                #expect(info.size == Int64(size))
                #expect(info.modificationTime > .seconds(1_700_000_000))
            }
            await expectFSError(.notFound) { try await fs.stat(path("sized/missing")) }
            await expectFSError(.notFound) { try await fs.stat(path("nowhere/missing")) }
            #expect(try await !fs.exists(path("sized/missing")))
            #expect(try await !fs.exists(path("sized")), "a directory is not a file")
        }
    }

    @Test("reading a missing file fails with notFound", arguments: FSBackend.all)
    func readMissing(backend: FSBackend) async throws {
        try await backend.run { fs in
            await expectFSError(.notFound) { try await fs.read(path("missing")) }
            await expectFSError(.notFound) { try await fs.read(path("no/such/dir/file")) }
            await expectFSError(.notFound) { try await fs.metadata(of: path("missing")) }
        }
    }
}
