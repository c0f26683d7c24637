import FS

extension MultiDboxStore {
    /// Reclaims the space of messages no index row refers to any more (Dovecot's `doveadm purge`),
    /// holding the save lock the caller took.
    ///
    /// Files no map entry refers to (left by a crash) are deleted first. Every file that holds an
    /// unreferenced message has its other messages copied into the file being appended to (new
    /// files as the rotation size says), which are synced; then one index transaction moves
    /// their map entries and drops the unreferenced ones; only then are the old files deleted.
    /// A crash before the commit leaves the map as it was and the copies unreferenced after the
    /// committed end of a file; after it, the map lists only the copies, and the old files are
    /// deleted by the next purge. Either way every message is listed once and its bytes are on disk.
    /// - Parameter created: the creation time written into new files' headers.
    func purge(created: Int64) async throws -> PurgeReport {
        var report = PurgeReport()
        let state = try await index.multiDboxAppendState()
        let byFile = Dictionary(grouping: try await index.mapEntries(), by: \.placement.fileID)
        let rewritten = byFile.filter { $0.value.contains { $0.references == 0 } }.keys.sorted()
        let files = try await files()
        let orphans = files.map(\.id).filter { byFile[$0] == nil && $0 != state.file }
        for file in orphans {
            try await delete(fileID: file)
            report.filesDeleted += 1
        }
        if !rewritten.isEmpty {
            try await rewrite(rewritten, entries: byFile, state: state, created: created, report: &report)
        }
        report.bytesReclaimed = files.map(\.size).reduce(0, +) - (try await self.files()).map(\.size).reduce(0, +)
        return report
    }

    /// Copies the referenced messages of `rewritten` files out, commits, deletes the files.
    private func rewrite(
        _ rewritten: [Int64],
        entries byFile: [Int64: [MapEntry]],
        state: MultiDboxAppendState,
        created: Int64,
        report: inout PurgeReport
    ) async throws {
        var start = state
        if let file = start.file, rewritten.contains(file) {
            start.file = nil
            start.end = 0
        }
        var appender = MultiDboxAppender(fileSystem: fileSystem, rotateSize: rotateSize, state: start, created: created)
        var moves: [Int64: MapPlacement] = [:]
        let newState: MultiDboxAppendState
        do {
            for file in rewritten {
                for entry in byFile[file] ?? [] where entry.references > 0 {
                    let stored = try await read(entry.placement)
                    let placement = try await appender.append(stored.body, metadata: stored.metadata, guid: entry.placement.guid)
                    moves[entry.mapUID] = placement
                }
            }
            newState = try await appender.finish()
        } catch {
            await appender.abandon()
            throw error
        }
        report.messagesRemoved = try await index.commitPurge(moving: moves, rewritten: rewritten, state: newState)
        report.messagesMoved = moves.count
        for file in rewritten {
            try await delete(fileID: file)
            report.filesDeleted += 1
        }
    }
}

/// What ``UserMailStore/purge()`` did.
public struct PurgeReport: Hashable, Sendable {
    /// Unreferenced messages whose bytes are gone now.
    public var messagesRemoved = 0
    /// Referenced messages copied out of the rewritten files.
    public var messagesMoved = 0
    /// Storage files deleted: rewritten ones and those nothing referred to.
    public var filesDeleted = 0
    /// How much smaller the storage files are now.
    public var bytesReclaimed: Int64 = 0
}
