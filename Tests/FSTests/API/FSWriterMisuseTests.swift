import FS
import NIOCore
import Testing

@Suite("FSWriter misuse")
struct FSWriterMisuseTests {
    @Test("writing to a committed writer is a programming error")
    func writeAfterCommit() async {
        await #expect(processExitsWith: .failure) {
            let fs: any FileSystem = InMemoryFileSystem()
            let writer = try await fs.createWriter(try FSPath("file"), mode: .failIfExists, metadata: [:])
            try await writer.commit()
            try await writer.write(ByteBuffer(string: "late"))
        }
    }

    @Test("committing twice is a programming error")
    func commitTwice() async {
        await #expect(processExitsWith: .failure) {
            let fs: any FileSystem = InMemoryFileSystem()
            let writer = try await fs.createWriter(try FSPath("file"), mode: .failIfExists, metadata: [:])
            await writer.rollback()
            try await writer.commit()
        }
    }
}
