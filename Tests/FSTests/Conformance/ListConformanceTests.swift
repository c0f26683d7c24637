import FS
import NIOCore
import Testing

@Suite("FS conformance: listing")
struct ListConformanceTests {
    @Test("list shows files and directories of one level, sorted", arguments: FSBackend.all)
    func oneLevel(backend: FSBackend) async throws {
        try await backend.run { fs in
            for name in ["mail/u.2", "mail/u.10", "mail/u.1", "mail/sub/deep/u.7", "mail/alt/u.3", "top"] {
                try await fs.write(name, to: path(name))
            }
            let root = try await fs.listAll(nil)
            #expect(root == [FSListEntry(name: "mail", kind: .directory), FSListEntry(name: "top", kind: .file)])
            let mail = try await fs.listAll(path("mail"))
            #expect(
                mail == [
                    FSListEntry(name: "alt", kind: .directory),
                    FSListEntry(name: "sub", kind: .directory),
                    FSListEntry(name: "u.1", kind: .file),
                    FSListEntry(name: "u.10", kind: .file),
                    FSListEntry(name: "u.2", kind: .file),
                ]
            )
            #expect(try await fs.names(path("mail/sub")) == ["deep"])
        }
    }

    @Test("list filters by name prefix", arguments: FSBackend.all)
    func namePrefix(backend: FSBackend) async throws {
        try await backend.run { fs in
            for name in ["u.1", "u.2", "m.1", "u-other", "dbox-Mails/u.9"] {
                try await fs.write(name, to: path("box/" + name))
            }
            #expect(try await fs.names(path("box"), namePrefix: "u.") == ["u.1", "u.2"])
            #expect(try await fs.names(path("box"), namePrefix: "m") == ["m.1"])
            #expect(try await fs.names(path("box"), namePrefix: "dbox") == ["dbox-Mails"])
            #expect(try await fs.names(path("box"), namePrefix: "zzz") == [])
        }
    }

    @Test("many entries come back in pages without loss or repetition", arguments: FSBackend.all)
    func pagination(backend: FSBackend) async throws {
        try await backend.run { fs in
            let names = (0..<250).map { "m.\($0)" }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for name in names {
                    group.addTask { try await fs.write(name, to: path("many/" + name)) }
                }
                try await group.waitForAll()
            }
            var pages: [FSListPage] = []
            var request = FSListRequest(directory: path("many"), limit: 40)
            while true {
                let page = try await fs.list(request)
                pages.append(page)
                guard let next = page.nextStartAfter else { break }
                request.startAfter = next
            }
            #expect(pages.count == 7)
            #expect(pages.dropLast().allSatisfy { $0.entries.count == 40 })
            let listed = pages.flatMap(\.entries).map(\.name)
            #expect(listed == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            var iterated: [String] = []
            for try await entry in fs.entries(in: path("many"), namePrefix: "m.1", pageSize: 7) {
                iterated.append(entry.name)
            }
            #expect(iterated == listed.filter { $0.hasPrefix("m.1") })
            #expect(iterated.count == 111)
        }
    }

    @Test("listing a missing directory returns nothing", arguments: FSBackend.all)
    func missingDirectory(backend: FSBackend) async throws {
        try await backend.run { fs in
            let missing = try await fs.list(FSListRequest(directory: path("missing")))
            #expect(missing.entries.isEmpty && missing.nextStartAfter == nil)
            let root = try await fs.list(FSListRequest())
            #expect(root.entries.isEmpty)
        }
    }

    @Test("files being written, metadata and other private files are never listed", arguments: FSBackend.all)
    func privateFilesHidden(backend: FSBackend) async throws {
        try await backend.run { fs in
            try await fs.write("done", to: path("box/done"), metadata: ["k": "v"])
            let writer = try await fs.createWriter(path("box/pending"), mode: .failIfExists, metadata: ["k": "v"])
            try await writer.write(patternBytes(500_000))
            #expect(try await fs.names(path("box")) == ["done"])
            try await writer.commit()
            try await fs.copy(from: path("box/done"), to: path("box/copied"), mode: .failIfExists)
            try await fs.rename(from: path("box/copied"), to: path("box/renamed"))
            #expect(try await fs.names(path("box")) == ["done", "pending", "renamed"])
        }
    }
}
