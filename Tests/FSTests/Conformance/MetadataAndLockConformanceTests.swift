import FS
import NIOCore
import Testing

@Suite("FS conformance: metadata and locks")
struct MetadataAndLockConformanceTests {
    @Test("metadata round-trips", arguments: FSBackend.all)
    func metadataRoundTrip(backend: FSBackend) async throws {
        try await backend.run { fs in
            let metadata = try FSMetadata([
                "guid": "2f9c6a0e8d3b4c1a9e7f5d3b1a0c8e6f",
                "received": "1732848000",
                "mailbox": "Entwürfe = drafts, with spaces",
                "empty": "",
            ])
            try await fs.write("body", to: path("u.1"), metadata: metadata)
            #expect(try await fs.metadata(of: path("u.1")) == metadata)
            try await fs.write("body", to: path("u.2"))
            #expect(try await fs.metadata(of: path("u.2")).isEmpty)
        }
    }

    @Test("metadata of the maximum size round-trips", arguments: FSBackend.all)
    func largestMetadata(backend: FSBackend) async throws {
        try await backend.run { fs in
            let value = String(repeating: "v", count: FSMetadata.maximumSize - 3)
            let metadata = try FSMetadata(["big": value])
            try await fs.write("x", to: path("file"), metadata: metadata)
            #expect(try await fs.metadata(of: path("file"))["big"] == value)
        }
    }

    @Test("tryLock excludes a second holder until unlock or release", arguments: FSBackend.all)
    func lockExclusion(backend: FSBackend) async throws {
        try await backend.run { fs in
            let first = try #require(try await fs.tryLock(path("box/lock")))
            #expect(try await fs.tryLock(path("box/lock")) == nil)
            let other = try await fs.tryLock(path("box/other"))
            #expect(other != nil)
            first.unlock()
            first.unlock()
            do {
                let second = try #require(try await fs.tryLock(path("box/lock")))
                #expect(second.path == path("box/lock"))
                #expect(try await fs.tryLock(path("box/lock")) == nil)
            }
            // The second lock was released when it went away.
            #expect(try await fs.tryLock(path("box/lock")) != nil)
        }
    }

    @Test("exactly one of many concurrent tryLock callers gets the lock", arguments: FSBackend.all)
    func concurrentLocking(backend: FSBackend) async throws {
        try await backend.run { fs in
            let held = try await withThrowingTaskGroup(of: FSLock?.self) { group in
                for _ in 0..<32 {
                    group.addTask { try await fs.tryLock(path("contended")) }
                }
                var locks: [FSLock] = []
                for try await lock in group {
                    if let lock { locks.append(lock) }
                }
                return locks
            }
            #expect(held.count == 1)
        }
    }
}
