import FS
import NIOCore
import Testing

@Suite("FS conformance: create modes")
struct CreateModeConformanceTests {
    @Test("failIfExists refuses an existing file and leaves it intact", arguments: FSBackend.all)
    func failIfExistsAgainstExisting(backend: FSBackend) async throws {
        try await backend.run { fs in
            try await fs.write("original", to: path("d/file"), metadata: ["who": "first"])
            let writer = try await fs.createWriter(path("d/file"), mode: .failIfExists, metadata: ["who": "second"])
            try await writer.write(ByteBuffer(string: "intruder"))
            await expectFSError(.alreadyExists) { try await writer.commit() }
            await writer.rollback()
            #expect(try await fs.string(path("d/file")) == "original")
            #expect(try await fs.metadata(of: path("d/file"))["who"] == "first")
            #expect(try await fs.names(path("d")) == ["file"])
        }
    }

    @Test("exactly one of many racing failIfExists creators wins", arguments: FSBackend.all)
    func racingCreators(backend: FSBackend) async throws {
        try await backend.run { fs in
            let creators = 16
            let winners = try await withThrowingTaskGroup(of: Int?.self) { group in
                for creator in 0..<creators {
                    group.addTask {
                        let writer = try await fs.createWriter(path("race/file"), mode: .failIfExists, metadata: [:])
                        try await writer.write(ByteBuffer(string: "creator \(creator)"))
                        do {
                            try await writer.commit()
                            return creator
                        } catch let error as FSError where error.kind == .alreadyExists {
                            return nil
                        }
                    }
                }
                return try await group.compactMap { $0 }.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(winners.count == 1)
            let winner = try #require(winners.first)
            #expect(try await fs.string(path("race/file")) == "creator \(winner)")
            #expect(try await fs.names(path("race")) == ["file"])
        }
    }

    @Test("replace swaps content and metadata of an existing file", arguments: FSBackend.all)
    func replaceExisting(backend: FSBackend) async throws {
        try await backend.run { fs in
            try await fs.write("old content that is longer", to: path("file"), metadata: ["v": "1", "gone": "x"])
            try await fs.write("new", to: path("file"), mode: .replace, metadata: ["v": "2"])
            #expect(try await fs.string(path("file")) == "new")
            #expect(try await fs.stat(path("file")).size == 3)
            #expect(try await fs.metadata(of: path("file")) == ["v": "2"])
            try await fs.write("newest", to: path("file"), mode: .replace)
            #expect(try await fs.metadata(of: path("file")).isEmpty)
        }
    }

    @Test("replace creates a missing file, with its directories", arguments: FSBackend.all)
    func replaceMissing(backend: FSBackend) async throws {
        try await backend.run { fs in
            try await fs.write("content", to: path("a/b/c/file"), mode: .replace)
            #expect(try await fs.string(path("a/b/c/file")) == "content")
        }
    }

    @Test("many racing replacers leave one complete version", arguments: FSBackend.all)
    func racingReplacers(backend: FSBackend) async throws {
        try await backend.run { fs in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        try await fs.write(patternBytes(50_000, seed: UInt8(writer)), to: path("file"), mode: .replace)
                    }
                }
                try await group.waitForAll()
            }
            let content = try await fs.readAll(path("file"))
            #expect((0..<8).contains { content == patternBytes(50_000, seed: UInt8($0)) })
            #expect(try await fs.names(nil) == ["file"])
        }
    }
}
