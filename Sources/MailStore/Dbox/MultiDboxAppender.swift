import FS
import NIOCore

/// Appends dbox records to multi-dbox storage files, starting where the last committed write
/// left off, for one writer holding the user's save lock.
///
/// Records go after the last committed one in the current file; bytes a crashed writer left
/// there are cut off first. A file takes no more records once the next would make it larger
/// than the rotation size (a file always takes its first record, however large), and the next
/// one is the file with the next id, truncated first: an id is taken for good only by the index
/// commit that records it, so a file under an uncommitted id holds nothing anyone refers to.
/// ``finish()`` syncs every file written before the caller commits the placements.
struct MultiDboxAppender {
    private let fileSystem: any AppendableFileSystem
    private let rotateSize: Int64
    private let created: Int64
    private var state: MultiDboxAppendState
    private var current: OpenFile?

    private struct OpenFile {
        var id: Int64
        var handle: any FSAppendHandle
        var separator: [UInt8]
        /// Where the first record starts.
        var headerEnd: Int64
    }

    /// - Parameters:
    ///   - state: where the last committed write ended.
    ///   - created: the creation time written into new files' headers.
    init(fileSystem: any AppendableFileSystem, rotateSize: Int64, state: MultiDboxAppendState, created: Int64) {
        self.fileSystem = fileSystem
        self.rotateSize = rotateSize
        self.state = state
        self.created = created
    }

    /// Writes one message's record.
    /// - Returns: where it went.
    mutating func append(_ message: [UInt8], metadata: DboxMetadata, guid: GUID128) async throws -> MapPlacement {
        let size = Int64(DboxRecord.length(bodySize: message.count, metadata: metadata))
        if current == nil {
            try await openCommittedFile()
        }
        if let open = current, state.end > open.headerEnd, state.end + size > rotateSize {
            try await open.handle.sync()
            try await open.handle.close()
            current = nil
        }
        if current == nil {
            try await startFile()
        }
        guard let open = current else { preconditionFailure("no storage file open") }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(Int(size))
        buffer.writeBytes(DboxRecord.prefix(separator: open.separator))
        buffer.writeBytes(message)
        buffer.writeBytes(DboxRecord.suffix(separator: open.separator, bodySize: message.count, metadata: metadata))
        let placement = MapPlacement(guid: guid, fileID: open.id, offset: state.end, size: size)
        try await open.handle.write(buffer, at: state.end)
        state.end += placement.size
        return placement
    }

    /// Syncs and closes the file written last.
    /// - Returns: the append state the index is to record with the placements.
    mutating func finish() async throws -> MultiDboxAppendState {
        if let open = current {
            current = nil
            try await open.handle.sync()
            try await open.handle.close()
        }
        return state
    }

    /// Closes the open file without syncing: the caller commits nothing of what was written.
    mutating func abandon() async {
        guard let open = current else { return }
        current = nil
        try? await open.handle.close()
    }

    /// Opens the file the last commit appended to, cutting off what a crashed writer left after
    /// its last committed record; none when the next append starts a new file.
    private mutating func openCommittedFile() async throws {
        guard let id = state.file else { return }
        let path = try MultiDboxStore.path(fileID: id)
        guard try await fileSystem.exists(path), let header = try? await MultiDboxStore.header(of: fileSystem.read(path)) else {
            // The committed file is gone or unreadable: go on in a new one.
            state.file = nil
            state.end = 0
            return
        }
        let handle = try await fileSystem.openForAppending(path)
        do {
            if try await handle.size() > state.end {
                try await handle.truncate(to: state.end)
            }
        } catch {
            try? await handle.close()
            throw error
        }
        current = OpenFile(id: id, handle: handle, separator: header.0.separator, headerEnd: Int64(header.1))
    }

    /// Starts the file with the next id: emptied, with a new header.
    private mutating func startFile() async throws {
        let id = state.nextFileID
        let handle = try await fileSystem.openForAppending(try MultiDboxStore.path(fileID: id))
        let header = DboxFileHeader(created: created)
        do {
            try await handle.truncate(to: 0)
            try await handle.write(ByteBuffer(bytes: header.encoded), at: 0)
        } catch {
            try? await handle.close()
            throw error
        }
        state.nextFileID = id + 1
        state.file = id
        state.end = Int64(header.encoded.count)
        current = OpenFile(id: id, handle: handle, separator: header.separator, headerEnd: state.end)
    }
}
