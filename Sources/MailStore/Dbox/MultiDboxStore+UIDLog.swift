import FS
import NIOCore

extension MultiDboxStore {
    /// Where a mailbox's ``MailboxUIDLog`` is: beside its descriptor.
    static func uidLogPath(of mailbox: GUID128) throws -> FSPath {
        try FSPath("\(SingleDboxStore.root)/\(mailbox.hex)/\(MailboxUIDLog.fileName)")
    }

    /// A mailbox's UID log; `nil` when it has none.
    static func uidLog(of mailbox: GUID128, in fileSystem: any FileSystem) async throws -> MailboxUIDLog? {
        let path = try uidLogPath(of: mailbox)
        guard try await fileSystem.exists(path) else { return nil }
        return MailboxUIDLog(parsing: Array(try await fileSystem.readAll(path).readableBytesView))
    }

    /// Appends entries (``MailboxUIDLog/copyEntry(uid:guid:)``, ``MailboxUIDLog/expungeEntry(_:)``)
    /// to a mailbox's UID log and syncs it, holding the save lock the caller took.
    func appendToUIDLog(_ entries: [UInt8], of mailbox: GUID128) async throws {
        let handle = try await fileSystem.openForAppending(try Self.uidLogPath(of: mailbox))
        do {
            try await handle.write(ByteBuffer(bytes: entries), at: try await handle.size())
            try await handle.sync()
        } catch {
            try? await handle.close()
            throw error
        }
        try await handle.close()
    }

    /// Rewrites the UID log of every mailbox that has one with only what the index still needs
    /// it for (``MailboxUIDLog/compacted(present:uidNext:)``), holding the save lock the caller took.
    func compactUIDLogs() async throws {
        for mailbox in try await index.mailboxes() {
            guard let log = try await Self.uidLog(of: mailbox.guid, in: fileSystem) else { continue }
            var present: [UInt32: GUID128] = [:]
            for message in try await index.messages(in: mailbox.name, uidRanges: [1...UInt32.max]) {
                present[message.uid] = message.guid
            }
            let compacted = log.compacted(present: present, uidNext: mailbox.uidNext)
            try await fileSystem.write(ByteBuffer(bytes: compacted), to: try Self.uidLogPath(of: mailbox.guid), mode: .replace)
        }
    }
}
