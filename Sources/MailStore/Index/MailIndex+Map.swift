import GRDB

/// Where one message's record lies in a multi-dbox storage file.
struct MapPlacement: Hashable, Sendable {
    var guid: GUID128
    var fileID: Int64
    /// Offset of the record's start marker in the file.
    var offset: Int64
    /// Bytes of the whole record: markers, message, trailer and metadata.
    var size: Int64
}

/// One entry of the multi-dbox map: a stored message and how many index rows refer to it.
struct MapEntry: Hashable, Sendable {
    var mapUID: Int64
    var placement: MapPlacement
    /// Index rows (the message and its copies) that refer to the entry; 0 until purge drops it.
    var references: Int
}

/// Which storage file multi-dbox appends to next, as the last committed write left it.
struct MultiDboxAppendState: Hashable, Sendable {
    /// The id the next new file gets; every id below it was committed once.
    var nextFileID: Int64 = 1
    /// The file to append to, `nil` when the next append starts a new file.
    var file: Int64?
    /// The end of the last committed record in ``file``; bytes after it are a crashed writer's.
    var end: Int64 = 0
}

extension MailIndex {
    // MARK: - Storage format

    /// The storage format recorded in the index; when none is recorded yet (a new home, one from
    /// before formats were recorded, a rebuilt index), records `preferred` for a home without
    /// messages or map entries, or the format its messages are stored in.
    func storageFormat(recording preferred: MailStorageFormat) async throws -> MailStorageFormat {
        if let recorded = try await database.read({ db in try Self.recordedFormat(db) }) {
            return recorded
        }
        return try await database.write { db in
            if let recorded = try Self.recordedFormat(db) {
                return recorded
            }
            let format: MailStorageFormat
            if try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM map)")) == true {
                format = .mdbox
            } else if try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM message)")) == true {
                format = .sdbox
            } else {
                format = preferred
            }
            try db.cachedStatement(sql: "INSERT INTO user_state VALUES ('storage_format', ?)").execute(arguments: [format.code])
            return format
        }
    }

    private static func recordedFormat(_ db: Database) throws -> MailStorageFormat? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM user_state WHERE key = 'storage_format'")).flatMap(MailStorageFormat.init(code:))
    }

    // MARK: - Map

    /// The map entry `mapUID`, if it exists.
    func mapEntry(_ mapUID: Int64) async throws -> MapEntry? {
        try lookup { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM map WHERE map_uid = ?"), arguments: [mapUID]).map(Self.mapEntry)
        }
    }

    /// The placements of the map entries whose map UIDs lie in `range` (one query for the
    /// neighbours a reader of many messages will ask for next).
    func mapPlacements(in range: ClosedRange<Int64>) async throws -> [Int64: MapPlacement] {
        try await database.read { db in
            var placements: [Int64: MapPlacement] = [:]
            let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT map_uid, guid, file_id, offset, size FROM map WHERE map_uid BETWEEN ? AND ?"),
                                           arguments: [range.lowerBound, range.upperBound])
            while let row = try rows.next() {
                placements[row[0]] = MapPlacement(guid: GUID128(hex: row[1])!, fileID: row[2], offset: row[3], size: row[4])
            }
            return placements
        }
    }

    /// Every map entry, by file and offset.
    func mapEntries() async throws -> [MapEntry] {
        try await database.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM map ORDER BY file_id, offset")).map(Self.mapEntry)
        }
    }

    /// Where the next multi-dbox append goes.
    func multiDboxAppendState() async throws -> MultiDboxAppendState {
        try lookup { db in try Self.appendState(db) }
    }

    /// Adds messages stored in multi-dbox files, in one transaction with their map entries and the
    /// new append state: each message of `messages` refers to the entry made for the placement at
    /// the same position.
    func append(
        _ messages: [NewMessage],
        to mailbox: String,
        placedAt placements: [MapPlacement],
        state: MultiDboxAppendState
    ) async throws -> MailboxRecord {
        precondition(messages.count == placements.count, "one placement per message")
        return try await append(to: mailbox) { db in
            var placed = messages
            for (index, placement) in placements.enumerated() {
                try Self.insert(placement, db)
                placed[index].bodyLocation = MultiDboxStore.location(mapUID: db.lastInsertedRowID)
            }
            try Self.setAppendState(state, db)
            return placed
        }
    }

    /// Commits a purge: moves the entries that were copied to new places, drops the unreferenced
    /// entries of the rewritten files and records the new append state, in one transaction.
    /// - Throws: ``MultiDboxError`` when a rewritten file still holds a referenced entry (nothing
    ///   is changed then).
    /// - Returns: the number of entries dropped.
    func commitPurge(moving moves: [Int64: MapPlacement], rewritten files: [Int64], state: MultiDboxAppendState) async throws -> Int {
        try await database.write { db in
            for (mapUID, placement) in moves {
                try db.cachedStatement(sql: "UPDATE map SET file_id = ?, offset = ?, size = ? WHERE map_uid = ?").execute(arguments: [placement.fileID, placement.offset, placement.size, mapUID])
            }
            var dropped = 0
            for file in files {
                let referenced = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM map WHERE file_id = ? AND refcount > 0"),
                                                  arguments: [file]) ?? 0
                guard referenced == 0 else {
                    throw MultiDboxError(problem: "storage file m.\(file) still holds referenced messages; nothing purged")
                }
                try db.cachedStatement(sql: "DELETE FROM map WHERE file_id = ?").execute(arguments: [file])
                dropped += db.changesCount
            }
            try Self.setAppendState(state, db)
            return dropped
        }
    }

    // MARK: - Rows

    /// Adds a map entry without references; the message rows that refer to it count them.
    private static func insert(_ placement: MapPlacement, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO map (guid, file_id, offset, size, refcount) VALUES (?, ?, ?, ?, 0)").execute(arguments: [placement.guid.hex, placement.fileID, placement.offset, placement.size])
    }

    static func appendState(_ db: Database) throws -> MultiDboxAppendState {
        let values = Dictionary(uniqueKeysWithValues: try Row.fetchAll(
            db.cachedStatement(sql: "SELECT key, value FROM user_state WHERE key GLOB 'mdbox_*'"
        )).map { ($0["key"] as String, $0["value"] as Int64) })
        let file = values["mdbox_append_file"] ?? 0
        return MultiDboxAppendState(nextFileID: values["mdbox_next_file"] ?? 1, file: file > 0 ? file : nil,
                                    end: values["mdbox_append_end"] ?? 0)
    }

    static func setAppendState(_ state: MultiDboxAppendState, _ db: Database) throws {
        for (key, value) in [("mdbox_next_file", state.nextFileID), ("mdbox_append_file", state.file ?? 0),
                             ("mdbox_append_end", state.end)] {
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO user_state VALUES (?, ?)").execute(arguments: [key, value])
        }
    }

    private static func mapEntry(_ row: Row) -> MapEntry {
        MapEntry(
            mapUID: row["map_uid"],
            placement: MapPlacement(guid: GUID128(hex: row["guid"])!, fileID: row["file_id"],
                                    offset: row["offset"], size: row["size"]),
            references: row["refcount"]
        )
    }
}
