import FS
import NIOCore
import Synchronization

/// Message bodies as multi-dbox files: many messages per file, found through the map in the
/// user's index, as in Dovecot's mdbox.
///
/// Files are `storage/m.<file id>`, each a dbox file whose records follow one another. A message
/// row's body location is `map:<map uid>`; the map entry says which file, at which offset and
/// how long the record is, and how many rows (the message and its copies) refer to it. Copying
/// adds a reference and writes nothing; expunging drops one; an entry without references keeps
/// its bytes until ``purge(created:)`` rewrites its file. Mailbox descriptors stay where
/// single-dbox keeps them (``SingleDboxStore/writeDescriptor(_:of:)``).
///
/// Writers hold the user's save lock from reading the append state to the index commit, so
/// appends to a file are serialized, also with `columba` beside the server. Readers read only
/// what the map lists and check the record's markers, sizes and GUID; bytes after the last
/// committed record of a file are never read.
struct MultiDboxStore: Sendable {
    let fileSystem: any AppendableFileSystem
    let index: MailIndex
    let rotateSize: Int64
    private let separators = SeparatorCache()
    private let placements = PlacementCache()

    init(fileSystem: any AppendableFileSystem, index: MailIndex, rotateSize: Int64) {
        self.fileSystem = fileSystem
        self.index = index
        self.rotateSize = rotateSize
    }

    /// The directory of the storage files.
    static let root = "storage"

    /// A storage file's path.
    static func path(fileID: Int64) throws -> FSPath {
        try FSPath("\(root)/m.\(fileID)")
    }

    /// The id in a storage file's name (`m.<id>`), or `nil` for other files.
    static func fileID(fileName: String) -> Int64? {
        guard fileName.hasPrefix("m.") else { return nil }
        return Int64(fileName.dropFirst(2)).flatMap { $0 > 0 ? $0 : nil }
    }

    /// The body location of the message stored under a map entry.
    static func location(mapUID: Int64) -> String {
        "map:\(mapUID)"
    }

    /// The map entry a body location names, or `nil` when it is not a multi-dbox location.
    static func mapUID(location: String) -> Int64? {
        guard location.hasPrefix("map:") else { return nil }
        return Int64(location.dropFirst(4))
    }

    /// The header of a storage file and its length.
    static func header(of handle: any FSReadHandle) async throws -> (DboxFileHeader, Int) {
        let bytes = try await handle.read(at: 0, count: 256)
        return try DboxFileHeader.parse(Array(bytes.readableBytesView)[...])
    }

    // MARK: - Writing

    /// Appends messages' records and adds them to a mailbox's index, holding the save lock the
    /// caller took: the files are synced before the index commit that lists the messages, their
    /// map entries and the new end of the file.
    /// - Parameter messages: each with the row it gets, whose body location is filled in here.
    func save(
        _ messages: [(bytes: [UInt8], metadata: DboxMetadata, row: NewMessage)],
        to mailbox: String,
        created: Int64
    ) async throws -> MailboxRecord {
        var appender = MultiDboxAppender(fileSystem: fileSystem, rotateSize: rotateSize,
                                         state: try await index.multiDboxAppendState(), created: created)
        var placements: [MapPlacement] = []
        let state: MultiDboxAppendState
        do {
            for message in messages {
                placements.append(try await appender.append(message.bytes, metadata: message.metadata, guid: message.row.guid))
            }
            state = try await appender.finish()
        } catch {
            await appender.abandon()
            throw error
        }
        return try await index.append(messages.map(\.row), to: mailbox, placedAt: placements, state: state)
    }

    // MARK: - Reading

    /// Reads a message back, checking its record's markers, sizes and GUID. A purge that moved
    /// the message meanwhile is followed to the new place.
    func read(_ location: String) async throws -> (body: [UInt8], metadata: DboxMetadata) {
        guard let mapUID = Self.mapUID(location: location) else {
            throw MultiDboxError(problem: "\(location) is not a multi-dbox location")
        }
        let placement: MapPlacement
        if let cached = placements[mapUID] {
            placement = cached
        } else {
            let window = (mapUID - PlacementCache.window / 2)...(mapUID + PlacementCache.window / 2)
            let loaded = try await index.mapPlacements(in: window)
            placements.replace(with: loaded)
            guard let found = loaded[mapUID] else { throw MultiDboxError(problem: "map entry \(mapUID) does not exist") }
            placement = found
        }
        do {
            return try await read(placement)
        } catch {
            // Read the map and the file's header again once: a purge may have moved the message.
            separators[placement.fileID] = nil
            placements.replace(with: [:])
            guard let current = try await index.mapEntry(mapUID) else { throw error }
            return try await read(current.placement)
        }
    }

    /// Reads the record at `placement`.
    func read(_ placement: MapPlacement) async throws -> (body: [UInt8], metadata: DboxMetadata) {
        let path = try Self.path(fileID: placement.fileID)
        let handle = try await fileSystem.read(path)
        let separator: [UInt8]
        if let known = separators[placement.fileID] {
            separator = known
        } else {
            separator = try await Self.header(of: handle).0.separator
            separators[placement.fileID] = separator
        }
        let bytes = Array(try await handle.read(at: placement.offset, count: Int(placement.size)).readableBytesView)
        guard bytes.count == placement.size else {
            throw DboxCorruption(offset: Int(placement.offset), problem: "m.\(placement.fileID) ends inside a record")
        }
        let (record, end) = try DboxFile.record(in: bytes, at: 0, separator: separator)
        guard end == bytes.count, record.metadata.guid == placement.guid.hex else {
            throw DboxCorruption(offset: Int(placement.offset),
                                 problem: "the record in m.\(placement.fileID) is not the one the map lists")
        }
        return (Array(bytes[record.bodyOffset..<(record.bodyOffset + record.bodySize)]), record.metadata)
    }

    // MARK: - Files

    /// Every storage file's id and size, by id.
    func files() async throws -> [(id: Int64, size: Int64)] {
        try await Self.files(in: fileSystem)
    }

    /// Every storage file's id and size in `fileSystem`, by id.
    static func files(in fileSystem: any FileSystem) async throws -> [(id: Int64, size: Int64)] {
        var files: [(id: Int64, size: Int64)] = []
        for entry in try await fileSystem.listAll(try FSPath(root), namePrefix: "m.") where entry.kind == .file {
            guard let id = fileID(fileName: entry.name) else { continue }
            files.append((id, try await fileSystem.stat(try path(fileID: id)).size))
        }
        return files.sorted { $0.id < $1.id }
    }

    /// A whole storage file: its bytes, and its intact records and damage.
    static func contents(ofFile id: Int64, in fileSystem: any FileSystem) async throws -> (bytes: [UInt8], file: DboxFile) {
        let bytes = Array(try await fileSystem.readAll(try path(fileID: id)).readableBytesView)
        return (bytes, try DboxFile(parsing: bytes))
    }

    /// Deletes a storage file.
    func delete(fileID: Int64) async throws {
        try await fileSystem.delete(try Self.path(fileID: fileID))
        separators[fileID] = nil
    }
}

/// The separators of the storage files read so far. A file id is never reused once the index
/// listed it, so an entry stays right until the file is deleted.
private final class SeparatorCache: Sendable {
    private let separators = Mutex<[Int64: [UInt8]]>([:])

    subscript(fileID: Int64) -> [UInt8]? {
        get { separators.withLock { $0[fileID] } }
        set { separators.withLock { $0[fileID] = newValue } }
    }
}

/// Map placements read ahead: a reader of many messages (SEARCH, FETCH of a range) asks for map
/// UIDs close to each other, so each miss loads a window of them in one query.
///
/// A placement read from here may be stale, which is safe: a map UID, a committed file id and a
/// committed record never change meaning, so a stale placement either still finds the same
/// bytes (a purge deletes the old file only after its commit) or fails to read, and the
/// reader then asks the index.
private final class PlacementCache: Sendable {
    /// Map UIDs loaded per miss (at most this many placements are kept).
    static let window: Int64 = 1024
    private let placements = Mutex<[Int64: MapPlacement]>([:])

    subscript(mapUID: Int64) -> MapPlacement? {
        placements.withLock { $0[mapUID] }
    }

    func replace(with loaded: [Int64: MapPlacement]) {
        placements.withLock { $0 = loaded }
    }
}

/// Multi-dbox storage refused an operation.
public struct MultiDboxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var problem: String

    public var description: String { problem }
}
