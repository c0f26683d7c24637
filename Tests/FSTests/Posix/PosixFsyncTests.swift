import FS
import NIOCore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("PosixFileSystem fsync policy")
struct PosixFsyncTests {
    /// Expected fsync calls for: a first file in two new directories, a second file there,
    /// a delete, a rename into a new directory, and a (hard-link) copy.
    @Test(
        "each policy makes the fsync calls it promises",
        arguments: [
            (FsyncPolicy.always, [4, 2, 1, 3, 1]),
            (FsyncPolicy.optimized, [2, 2, 0, 0, 1]),
            (FsyncPolicy.never, [0, 0, 0, 0, 0]),
        ]
    )
    func fsyncCalls(policy: FsyncPolicy, expected: [Int]) async throws {
        try await TemporaryDirectory.with { directory in
            let counter = FsyncCounter()
            let fs = try await PosixFileSystem.open(
                root: directory.path,
                options: .init(fsync: policy, syscalls: counter.syscalls)
            )
            var counts: [Int] = []
            counts.append(try await counter.calls { try await fs.write("one", to: path("a/b/first")) })
            counts.append(try await counter.calls { try await fs.write("two", to: path("a/b/second")) })
            counts.append(try await counter.calls { try await fs.delete(path("a/b/second")) })
            counts.append(
                try await counter.calls { try await fs.rename(from: path("a/b/first"), to: path("a/c/moved")) }
            )
            counts.append(
                try await counter.calls {
                    try await fs.copy(from: path("a/c/moved"), to: path("a/c/copy"), mode: .failIfExists)
                }
            )
            #expect(counts == expected)
        }
    }

    @Test("blocking access writes and links files as durably as the asynchronous calls, in one pool job")
    func blockingFiles() async throws {
        try await TemporaryDirectory.with { directory in
            let counter = FsyncCounter()
            let fs = try await PosixFileSystem.open(root: "\(directory.path)/home", options: .init(fsync: .optimized, syscalls: counter.syscalls))
            let other = try await PosixFileSystem.open(root: "\(directory.path)/other")
            try await other.write(ByteBuffer(string: "shared"), to: path("x/source"), mode: .failIfExists)
            let source = other.absolutePath(of: path("x/source"))
            var linked: [Bool] = []
            let calls = try await counter.calls {
                linked = try await fs.withBlockingFiles { files in
                    try files.write(ByteBuffer(string: "one"), to: path("a/first"), mode: .failIfExists)
                    return [
                        try files.link(external: source, to: path("a/linked")),
                        try files.link(external: "\(directory.path)/other/x/missing", to: path("a/gone")),
                    ]
                }
            }
            // The file and its directory for the write; the directory for the link.
            #expect(calls == 3)
            #expect(linked == [true, false])
            #expect(String(buffer: try await fs.readAll(path("a/first"))) == "one")
            #expect(String(buffer: try await fs.readAll(path("a/linked"))) == "shared")
            #expect(try await !fs.exists(path("a/gone")))
            await #expect(throws: FSError.self) {
                try await fs.withBlockingFiles { files in try files.write(ByteBuffer(string: "two"), to: path("a/first"), mode: .failIfExists) }
            }
            #expect(String(buffer: try await fs.readAll(path("a/first"))) == "one")
        }
    }

    @Test("a rolled-back writer is never fsynced")
    func rollbackDoesNotSync() async throws {
        try await TemporaryDirectory.with { directory in
            let counter = FsyncCounter()
            let fs = try await PosixFileSystem.open(root: directory.path, options: .init(syscalls: counter.syscalls))
            let calls = try await counter.calls {
                let writer = try await fs.createWriter(path("file"), mode: .failIfExists, metadata: [:])
                try await writer.write(ByteBuffer(string: "discarded"))
                await writer.rollback()
            }
            #expect(calls == 0)
        }
    }

    @Test("a failed fsync fails the commit and leaves nothing")
    func failedFsync() async throws {
        try await TemporaryDirectory.with { directory in
            let failing = PosixSyscalls(fsync: { _ in
                errno = EIO
                return -1
            })
            let fs = try await PosixFileSystem.open(root: directory.path, options: .init(syscalls: failing))
            await expectFSError(.io) { try await fs.write("lost", to: path("file")) }
            #expect(try await !fs.exists(path("file")))
            #expect(try rawNames(directory.path).isEmpty)
        }
    }
}
