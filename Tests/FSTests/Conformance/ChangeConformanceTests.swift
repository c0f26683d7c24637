import FS
import NIOCore
import Testing

@Suite("FS conformance: delete, rename, copy")
struct ChangeConformanceTests {
    @Test("delete removes a file; deleting a missing file succeeds", arguments: FSBackend.all)
    func delete(backend: FSBackend) async throws {
        try await backend.run { fs in
            try await fs.write("x", to: path("d/file"), metadata: ["k": "v"])
            try await fs.delete(path("d/file"))
            #expect(try await !fs.exists(path("d/file")))
            await expectFSError(.notFound) { try await fs.read(path("d/file")) }
            try await fs.delete(path("d/file"))
            try await fs.delete(path("never/existed"))
            // A new file of the same name does not inherit the old metadata.
            try await fs.write("y", to: path("d/file"))
            #expect(try await fs.metadata(of: path("d/file")).isEmpty)
        }
    }

    @Test("delete refuses a directory", arguments: FSBackend.all)
    func deleteDirectory(backend: FSBackend) async throws {
        try await backend.run { fs in
            try await fs.write("x", to: path("d/file"))
            await expectFSError(.isADirectory) { try await fs.delete(path("d")) }
            #expect(try await fs.exists(path("d/file")))
        }
    }

    @Test("rename moves content and metadata, replacing the destination", arguments: FSBackend.all)
    func rename(backend: FSBackend) async throws {
        try await backend.run { fs in
            try await fs.write("moving", to: path("a/source"), metadata: ["guid": "1234"])
            try await fs.write("in the way", to: path("b/target"), metadata: ["guid": "9999"])
            try await fs.rename(from: path("a/source"), to: path("b/target"))
            #expect(try await !fs.exists(path("a/source")))
            #expect(try await fs.string(path("b/target")) == "moving")
            #expect(try await fs.metadata(of: path("b/target")) == ["guid": "1234"])

            try await fs.rename(from: path("b/target"), to: path("new/dir/name"))
            #expect(try await fs.string(path("new/dir/name")) == "moving")
            #expect(try await fs.names(path("b")) == [])

            try await fs.rename(from: path("new/dir/name"), to: path("new/dir/name"))
            #expect(try await fs.metadata(of: path("new/dir/name")) == ["guid": "1234"])
            await expectFSError(.notFound) { try await fs.rename(from: path("a/source"), to: path("c")) }
        }
    }

    @Test("copy duplicates content and metadata and leaves the source", arguments: FSBackend.all)
    func copy(backend: FSBackend) async throws {
        try await backend.run { fs in
            try await fs.write(patternBytes(200_000), to: path("a/source"), mode: .failIfExists, metadata: ["k": "v"])
            try await fs.copy(from: path("a/source"), to: path("b/copy"), mode: .failIfExists)
            #expect(try await fs.readAll(path("b/copy")) == patternBytes(200_000))
            #expect(try await fs.metadata(of: path("b/copy")) == ["k": "v"])
            #expect(try await fs.readAll(path("a/source")) == patternBytes(200_000))
            await expectFSError(.notFound) {
                try await fs.copy(from: path("a/missing"), to: path("b/other"), mode: .failIfExists)
            }
            #expect(try await fs.names(path("b")) == ["copy"])
        }
    }

    @Test("copy honours the create mode at the destination", arguments: FSBackend.all)
    func copyModes(backend: FSBackend) async throws {
        try await backend.run { fs in
            try await fs.write("source", to: path("source"), metadata: ["from": "source"])
            try await fs.write("existing", to: path("target"), metadata: ["from": "target"])
            await expectFSError(.alreadyExists) {
                try await fs.copy(from: path("source"), to: path("target"), mode: .failIfExists)
            }
            #expect(try await fs.string(path("target")) == "existing")
            try await fs.copy(from: path("source"), to: path("target"), mode: .replace)
            #expect(try await fs.string(path("target")) == "source")
            #expect(try await fs.metadata(of: path("target")) == ["from": "source"])
            #expect(try await fs.names(nil) == ["source", "target"])
        }
    }

    @Test("a copy is independent of later changes to the source", arguments: FSBackend.all)
    func copyIsIndependent(backend: FSBackend) async throws {
        try await backend.run { fs in
            try await fs.write("one", to: path("source"), metadata: ["v": "1"])
            try await fs.copy(from: path("source"), to: path("copy"), mode: .failIfExists)
            try await fs.write("two", to: path("source"), mode: .replace, metadata: ["v": "2"])
            #expect(try await fs.string(path("copy")) == "one")
            #expect(try await fs.metadata(of: path("copy")) == ["v": "1"])
            try await fs.delete(path("source"))
            #expect(try await fs.string(path("copy")) == "one")
        }
    }

    @Test("rename onto a copy of itself leaves only the destination", arguments: FSBackend.all)
    func renameOntoCopy(backend: FSBackend) async throws {
        try await backend.run { fs in
            try await fs.write("same", to: path("source"), metadata: ["k": "v"])
            try await fs.copy(from: path("source"), to: path("copy"), mode: .failIfExists)
            try await fs.rename(from: path("source"), to: path("copy"))
            #expect(try await fs.names(nil) == ["copy"])
            #expect(try await fs.string(path("copy")) == "same")
            #expect(try await fs.metadata(of: path("copy")) == ["k": "v"])
        }
    }

    @Test("copy onto itself is refused by failIfExists and does nothing with replace", arguments: FSBackend.all)
    func copyOntoItself(backend: FSBackend) async throws {
        try await backend.run { fs in
            try await fs.write("self", to: path("file"), metadata: ["k": "v"])
            await expectFSError(.alreadyExists) {
                try await fs.copy(from: path("file"), to: path("file"), mode: .failIfExists)
            }
            try await fs.copy(from: path("file"), to: path("file"), mode: .replace)
            #expect(try await fs.names(nil) == ["file"])
            #expect(try await fs.string(path("file")) == "self")
            #expect(try await fs.metadata(of: path("file")) == ["k": "v"])
        }
    }
}
