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
