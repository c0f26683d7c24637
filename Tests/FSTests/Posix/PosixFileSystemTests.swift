import FS
import Foundation
import NIOCore
import Testing

@Suite("PosixFileSystem")
struct PosixFileSystemTests {
    @Test("no temporary file remains after commit, rollback or a refused create")
    func temporaryFilesRemoved() async throws {
        try await TemporaryDirectory.with { directory in
            let fs = try await PosixFileSystem.open(root: directory.path)
            try await fs.write(patternBytes(600_000), to: path("box/kept"), mode: .failIfExists)
            let writer = try await fs.createWriter(path("box/dropped"), mode: .failIfExists, metadata: [:])
            try await writer.write(patternBytes(600_000))
            await writer.rollback()
            await expectFSError(.alreadyExists) { try await fs.write("again", to: path("box/kept")) }
            try await fs.copy(from: path("box/kept"), to: path("box/copy"), mode: .replace)
            #expect(try rawNames(directory.path + "/box") == ["copy", "kept"])
        }
    }

    @Test("a writer dropped before commit (a crashed session) leaves no file behind")
    func droppedWriterCleansUp() async throws {
        try await TemporaryDirectory.with { directory in
            let fs = try await PosixFileSystem.open(root: directory.path)
            do {
                let writer = try await fs.createWriter(path("box/mail"), mode: .failIfExists, metadata: [:])
                try await writer.write(patternBytes(400_000))
                #expect(try rawNames(directory.path + "/box").count == 1)
            }
            // The temporary file is removed on the thread pool after the writer goes away.
            var names = try rawNames(directory.path + "/box")
            for _ in 0..<200 where !names.isEmpty {
                try await Task.sleep(for: .milliseconds(10))
                names = try rawNames(directory.path + "/box")
            }
            #expect(names.isEmpty)
        }
    }

    @Test("old temporary files left by a crash are removed; fresh ones (writers at work) are kept")
    func staleTemporaryFiles() async throws {
        try await TemporaryDirectory.with { directory in
            let fs = try await PosixFileSystem.open(root: directory.path)
            try await fs.write("mail", to: path("box/u.1"))
            try await fs.write("mail", to: path("deep/er/u.1"))
            let old = Date(timeIntervalSinceNow: -3 * 24 * 3600)
            for stale in ["box/.temp.host.1.dead", "deep/er/.temp.host.2.dead"] {
                #expect(
                    FileManager.default.createFile(atPath: directory.path + "/" + stale, contents: Data("partial".utf8))
                )
                try FileManager.default.setAttributes(
                    [.modificationDate: old],
                    ofItemAtPath: directory.path + "/" + stale
                )
            }
            #expect(FileManager.default.createFile(atPath: directory.path + "/box/.temp.host.3.busy", contents: Data()))

            #expect(try await fs.names(path("box")) == ["u.1"])
            #expect(try rawNames(directory.path + "/box") == [".temp.host.3.busy", "u.1"])
            #expect(try await fs.removeStaleTemporaryFiles() == 1)
            #expect(try rawNames(directory.path + "/deep/er") == ["u.1"])
            #expect(try await fs.removeStaleTemporaryFiles() == 0)
        }
    }

    @Test("committed files survive reopening the file system")
    func survivesReopen() async throws {
        try await TemporaryDirectory.with { directory in
            let first = try await PosixFileSystem.open(root: directory.path + "/store/", options: .init(fsync: .always))
            try await first.write("durable", to: path("u.1"), metadata: ["guid": "g1"])
            let second = try await PosixFileSystem.open(root: directory.path + "/store")
            #expect(second.root == directory.path + "/store")
            #expect(try await second.string(path("u.1")) == "durable")
            #expect(try await second.metadata(of: path("u.1")) == ["guid": "g1"])
            #expect(try String(contentsOfFile: directory.path + "/store/u.1", encoding: .utf8) == "durable")
        }
    }

    @Test("copy is a hard link when allowed, a byte copy otherwise", arguments: [true, false])
    func copyLinks(hardLinks: Bool) async throws {
        try await TemporaryDirectory.with { directory in
            let fs = try await PosixFileSystem.open(root: directory.path, options: .init(hardLinks: hardLinks))
            try await fs.write("attachment", to: path("a/hash-1"), metadata: ["k": "v"])
            try await fs.copy(from: path("a/hash-1"), to: path("b/hash-2"), mode: .failIfExists)
            let source = try FileManager.default.attributesOfItem(atPath: directory.path + "/a/hash-1")
            let copy = try FileManager.default.attributesOfItem(atPath: directory.path + "/b/hash-2")
            let sameInode = (source[.systemFileNumber] as? Int) == (copy[.systemFileNumber] as? Int)
            #expect(sameInode == hardLinks)
            #expect((copy[.referenceCount] as? Int) == (hardLinks ? 2 : 1))
            #expect(try await fs.metadata(of: path("b/hash-2")) == ["k": "v"])
        }
    }

    @Test(
        "metadata goes to a hidden sidecar file or to an extended attribute",
        arguments: [
            PosixMetadataStorage.sidecarFiles, .automatic,
        ]
    )
    func metadataStorage(storage: PosixMetadataStorage) async throws {
        try await TemporaryDirectory.with { directory in
            let fs = try await PosixFileSystem.open(root: directory.path, options: .init(metadataStorage: storage))
            #expect(fs.metadataStorage != .automatic)
            try await fs.write("body", to: path("box/u.1"), metadata: ["guid": "g1", "size": "4"])
            if fs.metadataStorage == .sidecarFiles {
                #expect(try rawNames(directory.path + "/box") == [".meta.u.1", "u.1"])
                let sidecar = try String(contentsOfFile: directory.path + "/box/.meta.u.1", encoding: .utf8)
                #expect(sidecar == "guid=g1\nsize=4\n")
                try await fs.rename(from: path("box/u.1"), to: path("box/u.2"))
                #expect(try rawNames(directory.path + "/box") == [".meta.u.2", "u.2"])
                try await fs.delete(path("box/u.2"))
                #expect(try rawNames(directory.path + "/box").isEmpty)
            } else {
                #expect(try rawNames(directory.path + "/box") == ["u.1"])
            }
        }
    }

    @Test("a file cannot be created below a file")
    func fileBelowFile() async throws {
        try await TemporaryDirectory.with { directory in
            let fs = try await PosixFileSystem.open(root: directory.path)
            try await fs.write("file", to: path("a"))
            await expectFSError(.notADirectory) { try await fs.write("x", to: path("a/b")) }
            await expectFSError(.notADirectory) { try await fs.list(FSListRequest(directory: path("a"))) }
        }
    }

    @Test("the root must be an absolute path")
    func relativeRoot() async {
        await expectFSError(.invalidPath) { try await PosixFileSystem.open(root: "relative/dir") }
    }

    @Test("locks exclude each other across instances on the same root")
    func sharedLocks() async throws {
        try await TemporaryDirectory.with { directory in
            let first = try await PosixFileSystem.open(root: directory.path)
            let second = try await PosixFileSystem.open(root: directory.path)
            let lock = try #require(try await first.tryLock(path("box")))
            #expect(try await second.tryLock(path("box")) == nil)
            lock.unlock()
            #expect(try await second.tryLock(path("box")) != nil)
        }
    }
}
