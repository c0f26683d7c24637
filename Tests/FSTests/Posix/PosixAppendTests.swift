import FS
import NIOCore
import Testing

@Suite("PosixFileSystem append handles")
struct PosixAppendTests {
    @Test("positional writes, truncation and size; readers see the bytes at once; a missing file and its directories are created")
    func writesInPlace() async throws {
        try await TemporaryDirectory.with { directory in
            let fs = try await PosixFileSystem.open(root: directory.path)
            let handle = try await fs.openForAppending(path("storage/m.1"))
            #expect(try await handle.size() == 0)
            try await handle.write(ByteBuffer(string: "header\n"), at: 0)
            try await handle.write(ByteBuffer(string: "one two three"), at: 7)
            #expect(try await handle.size() == 20)
            #expect(String(buffer: try await fs.readAll(path("storage/m.1"))) == "header\none two three")
            try await handle.truncate(to: 10)
            try await handle.write(ByteBuffer(string: " 2"), at: 10)
            try await handle.sync()
            try await handle.close()
            try await handle.close()
            #expect(String(buffer: try await fs.readAll(path("storage/m.1"))) == "header\none 2")

            let again = try await fs.openForAppending(path("storage/m.1"))
            #expect(try await again.size() == 12)
            try await again.close()
            await #expect(throws: FSError.self) { try await fs.openForAppending(path("storage")) }
        }
    }

    @Test(
        "sync fsyncs the file as the policy says, and the directory too after the file was created",
        arguments: [(FsyncPolicy.always, [2, 1, 1]), (FsyncPolicy.optimized, [2, 1, 1]), (FsyncPolicy.never, [0, 0, 0])]
    )
    func fsyncCalls(policy: FsyncPolicy, expected: [Int]) async throws {
        try await TemporaryDirectory.with { directory in
            let counter = FsyncCounter()
            let fs = try await PosixFileSystem.open(root: directory.path, options: .init(fsync: policy, syscalls: counter.syscalls))
            try await fs.write("x", to: path("storage/other"))
            let handle = try await fs.openForAppending(path("storage/m.1"))
            var counts: [Int] = []
            counts.append(try await counter.calls {
                try await handle.write(ByteBuffer(string: "a"), at: 0)
                try await handle.sync()
            })
            counts.append(try await counter.calls {
                try await handle.write(ByteBuffer(string: "b"), at: 1)
                try await handle.sync()
            })
            try await handle.close()
            let reopened = try await fs.openForAppending(path("storage/m.1"))
            counts.append(try await counter.calls { try await reopened.sync() })
            try await reopened.close()
            #expect(counts == expected)
        }
    }
}
