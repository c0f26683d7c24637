import Foundation
import Testing

@testable import MailStore

@Suite("Open mail stores")
struct OpenMailStoresTests {
    private static func homes(_ count: Int) -> [String] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("columba-stores-\(UUID().uuidString)").path
        return (0..<count).map { "\(root)/user\($0)" }
    }

    /// The descriptors this process has open.
    private static func openDescriptors() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
    }

    @Test("a held store is the one every caller gets, however many others were opened since")
    func heldStoreIsShared() async throws {
        let stores = OpenMailStores(options: MailStorageOptions(), keptIdle: 1)
        let homes = Self.homes(4)
        let held = try await stores.store(home: homes[0])
        for home in homes.dropFirst() {
            _ = try await stores.store(home: home).save(Array("Subject: x\r\n\r\nx\r\n".utf8))
        }
        #expect(try await stores.store(home: homes[0]) === held)
        // The others were let go: nothing holds them, and only one store is kept idle.
        #expect(await stores.openCount == 1)
    }

    @Test("stores nothing holds are closed beyond the most recent ones, and open again with their mail")
    func idleStoresClose() async throws {
        let stores = OpenMailStores(options: MailStorageOptions(), keptIdle: 2)
        let homes = Self.homes(40)
        weak var first: UserMailStore?
        do {
            let store = try await stores.store(home: homes[0])
            _ = try await store.save(Array("Subject: kept\r\n\r\nkept\r\n".utf8))
            first = store
        }
        _ = try await stores.store(home: homes[1]).save(Array("Subject: x\r\n\r\nx\r\n".utf8))
        let descriptors = try Self.openDescriptors()
        for home in homes.dropFirst(2) {
            _ = try await stores.store(home: home).save(Array("Subject: x\r\n\r\nx\r\n".utf8))
        }
        #expect(first == nil)
        #expect(await stores.openCount == 2)
        // 38 more users saved a message each; without closing, each would keep its index files
        // and lock file open.
        #expect(try Self.openDescriptors() <= descriptors + 8)
        let reopened = try await stores.store(home: homes[0])
        #expect(try await reopened.messages(in: "INBOX").count == 1)
        #expect(try await reopened.save(Array("Subject: again\r\n\r\nagain\r\n".utf8)) == 2)
    }
}
