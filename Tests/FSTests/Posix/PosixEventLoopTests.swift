import FS
import NIOCore
import NIOPosix
import Synchronization
import Testing

@Suite("PosixFileSystem and event loops")
struct PosixEventLoopTests {
    /// An actor that runs on an event loop's thread, like a session handler would.
    actor OnEventLoop {
        let eventLoop: any EventLoop
        nonisolated var unownedExecutor: UnownedSerialExecutor { eventLoop.executor.asUnownedSerialExecutor() }

        init(eventLoop: any EventLoop) {
            self.eventLoop = eventLoop
        }

        func work(with fs: PosixFileSystem) async throws -> Bool {
            let onLoop = eventLoop.inEventLoop
            try await fs.write(
                ByteBuffer(string: "from an event loop"),
                to: try FSPath("box/file"),
                mode: .failIfExists
            )
            _ = try await fs.readAll(try FSPath("box/file"))
            try await fs.copy(from: try FSPath("box/file"), to: try FSPath("box/copy"), mode: .failIfExists)
            try await fs.delete(try FSPath("box/file"))
            return onLoop
        }
    }

    @Test("callers on an event loop never run the blocking calls there")
    func blockingCallsLeaveTheEventLoop() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        try await TemporaryDirectory.with { directory in
            let fsyncsOnEventLoop = Mutex(0)
            let fsyncs = Mutex(0)
            let syscalls = PosixSyscalls(fsync: { descriptor in
                fsyncs.withLock { $0 += 1 }
                if MultiThreadedEventLoopGroup.currentEventLoop != nil { fsyncsOnEventLoop.withLock { $0 += 1 } }
                return PosixSyscalls.system.fsync(descriptor)
            })
            let fs = try await PosixFileSystem.open(
                root: directory.path,
                options: .init(fsync: .always, syscalls: syscalls)
            )
            let ranOnLoop = try await OnEventLoop(eventLoop: group.next()).work(with: fs)
            #expect(ranOnLoop)
            #expect(fsyncs.withLock { $0 } > 0)
            #expect(fsyncsOnEventLoop.withLock { $0 } == 0)
        }
        try await group.shutdownGracefully()
    }
}
