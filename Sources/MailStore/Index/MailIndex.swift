import Foundation
import GRDB

/// One user's index: the mailbox tree and, per mailbox, UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ,
/// the messages' UIDs, GUIDs, flags, modseqs, dates, sizes and body locations, and expunge
/// tombstones. A SQLite database in WAL mode with `synchronous=FULL`, so a change is on stable
/// storage when its call returns.
///
/// Every call is one transaction: UIDs are assigned in strictly ascending order, and each change
/// takes the next modseq of its mailbox, so concurrent writers can never reuse either.
/// Database work runs on GRDB's own queues, never on the caller's executor.
public final class MailIndex: Sendable {
    let database: DatabasePool
    private let clock: @Sendable () -> Int64

    /// Opens (creating when missing) the index at `path` and brings its schema up to date.
    /// - Parameter clock: seconds since 1970; tests pass a fixed clock.
    public init(path: String, clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        database = try DatabasePool(path: path, configuration: configuration)
        // GRDB sets `synchronous = NORMAL` on the writer when it turns WAL on, after any
        // `prepareDatabase`: a commit would then be lost to a power failure. FULL syncs the WAL
        // at every commit. Only the writer's setting matters; readers write nothing.
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try IndexSchema.migrator.migrate(database)
        self.clock = clock
    }

    /// Runs a read of a few rows found through an index on the calling thread. GRDB's async
    /// `read` passes the task through three queues and back (a reader pool actor, the reader's
    /// queue, the caller's executor), which costs more than such a read itself; the synchronous
    /// one takes a free reader and runs on the caller's thread. Reads that may visit many rows
    /// stay on the async `read`, so they never hold a thread of the cooperative pool for long.
    func lookup<T>(_ value: (Database) throws -> T) throws -> T {
        try database.read(value)
    }

    // MARK: - Mailbox tree

    /// Every mailbox, sorted by name.
    public func mailboxes() async throws -> [MailboxRecord] {
        try await database.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM mailbox ORDER BY name")).map(Self.mailbox)
        }
    }

    /// The mailbox called `name`, if any.
    public func mailbox(named name: String) async throws -> MailboxRecord? {
        try lookup { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM mailbox WHERE name = ?"), arguments: [name]).map(Self.mailbox)
        }
    }

    /// Creates a mailbox with a new UIDVALIDITY (never reused for this user).
    /// - Parameters:
    ///   - guid: kept from elsewhere when replication or a rebuild creates it.
    ///   - uidValidity: kept from elsewhere by a rebuild or an import; later mailboxes get
    ///     higher ones.
    @discardableResult
    public func createMailbox(
        named name: String,
        specialUse: Set<String> = [],
        guid: GUID128 = .random(),
        uidValidity keptUIDValidity: UInt32? = nil,
        subscribed: Bool = false
    ) async throws -> MailboxRecord {
        try Self.validate(name)
        let now = clock()
        return try await database.write { db in
            guard try Self.mailboxID(db, name) == nil else {
                throw MailIndexError(kind: .mailboxExists, mailbox: name)
            }
            let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM user_state WHERE key = 'uidvalidity'")) ?? 0
            let uidValidity = keptUIDValidity ?? UInt32(truncatingIfNeeded: max(last + 1, now))
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO user_state VALUES ('uidvalidity', ?)").execute(arguments: [max(last, Int64(uidValidity))])
            try db.execute(
                sql: """
                    INSERT INTO mailbox (guid, name, uid_validity, uid_next, highest_modseq, special_use, subscribed)
                    VALUES (?, ?, ?, 1, 1, ?, ?)
                    """,
                arguments: [guid.hex, name, Int64(uidValidity), specialUse.sorted().joined(separator: " "), subscribed]
            )
            try Self.log(db, .create, guid: guid, name: name, at: now)
            return try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM mailbox WHERE name = ?"), arguments: [name]).map(Self.mailbox)!
        }
    }

    /// Renames a mailbox and every mailbox below it; GUIDs and UIDVALIDITY stay.
    /// - Returns: the renamed mailboxes with their new names.
    @discardableResult
    public func renameMailbox(from old: String, to new: String) async throws -> [MailboxRecord] {
        try Self.validate(new)
        let now = clock()
        return try await database.write { db in
            guard try Self.mailboxID(db, old) != nil else { throw MailIndexError(kind: .mailboxNotFound, mailbox: old) }
            guard try Self.mailboxID(db, new) == nil else { throw MailIndexError(kind: .mailboxExists, mailbox: new) }
            let moving = try Row.fetchAll(
                db.cachedStatement(sql: "SELECT guid, name FROM mailbox WHERE name = ? OR substr(name, 1, ?) = ?"),
                arguments: [old, old.count + 1, old + "/"]
            )
            for row in moving {
                let name: String = row["name"]
                let renamed = new + name.dropFirst(old.count)
                try db.cachedStatement(sql: "UPDATE mailbox SET name = ? WHERE name = ?").execute(arguments: [renamed, name])
                try Self.log(db, .rename, guid: GUID128(hex: row["guid"])!, name: renamed, at: now)
            }
            return try moving.map { row in
                try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM mailbox WHERE guid = ?"), arguments: [row["guid"] as String]).map(Self.mailbox)!
            }
        }
    }

    /// Deletes a mailbox with its messages and tombstones. Mailboxes below it stay.
    /// - Returns: the deleted mailbox.
    @discardableResult
    public func deleteMailbox(named name: String) async throws -> MailboxRecord {
        let now = clock()
        return try await database.write { db in
            guard let mailbox = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM mailbox WHERE name = ?"), arguments: [name]).map(Self.mailbox) else {
                throw MailIndexError(kind: .mailboxNotFound, mailbox: name)
            }
            try db.cachedStatement(sql: "DELETE FROM mailbox WHERE name = ?").execute(arguments: [name])
            try Self.log(db, .delete, guid: mailbox.guid, name: name, at: now)
            return mailbox
        }
    }

    /// Subscribes to or unsubscribes from a mailbox.
    /// - Returns: the mailbox after the change.
    @discardableResult
    public func setSubscribed(_ subscribed: Bool, mailbox name: String) async throws -> MailboxRecord {
        let now = clock()
        return try await database.write { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT guid FROM mailbox WHERE name = ?"), arguments: [name]) else {
                throw MailIndexError(kind: .mailboxNotFound, mailbox: name)
            }
            try db.cachedStatement(sql: "UPDATE mailbox SET subscribed = ? WHERE name = ?").execute(arguments: [subscribed, name])
            try Self.log(db, subscribed ? .subscribe : .unsubscribe, guid: GUID128(hex: row["guid"])!, name: name, at: now)
            return try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM mailbox WHERE name = ?"), arguments: [name]).map(Self.mailbox)!
        }
    }

    /// Gives an empty mailbox that never held a message another UIDVALIDITY (an import keeping
    /// the source's UIDs). Returns `false`, changing nothing, when the mailbox has had messages.
    public func adoptUIDValidity(_ uidValidity: UInt32, mailbox name: String) async throws -> Bool {
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE mailbox SET uid_validity = ?
                    WHERE name = ? AND uid_next = 1 AND NOT EXISTS (SELECT 1 FROM message WHERE mailbox_id = mailbox.id)
                    """,
                arguments: [Int64(uidValidity), name]
            )
            return db.changesCount == 1
        }
    }

    /// Raises a mailbox's UIDNEXT (an import keeping the source's next UID); never lowers it.
    public func raiseUIDNext(to uidNext: UInt32, mailbox name: String) async throws {
        try await database.write { db in
            try db.cachedStatement(sql: "UPDATE mailbox SET uid_next = max(uid_next, ?) WHERE name = ?").execute(arguments: [Int64(uidNext), name])
        }
    }

    /// Tree changes in the order they happened, from `timestamp` on.
    public func treeChanges(since timestamp: Int64 = 0) async throws -> [MailboxTreeChange] {
        try await database.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM tree_log WHERE timestamp >= ? ORDER BY id"), arguments: [timestamp]).map {
                MailboxTreeChange(kind: MailboxTreeChange.Kind(rawValue: $0["kind"])!, guid: GUID128(hex: $0["guid"])!,
                                  name: $0["name"], timestamp: $0["timestamp"])
            }
        }
    }

    // MARK: - Messages

    /// Adds messages to a mailbox in one transaction (MULTIAPPEND is all or nothing), under the
    /// UIDs they carry: each at least UIDNEXT, ascending. UIDNEXT becomes the last UID plus one
    /// and every message takes the same new modseq.
    /// - Returns: the mailbox after the append.
    @discardableResult
    public func append(_ messages: [NewMessage], to mailbox: String) async throws -> MailboxRecord {
        try await append(to: mailbox) { _ in messages }
    }

    /// Adds the messages `prepare` returns, as ``append(_:to:)`` does, in the transaction in which
    /// `prepare` ran (multi-dbox adds the messages' map entries there).
    func append(to mailbox: String, preparing prepare: @escaping @Sendable (Database) throws -> [NewMessage]) async throws -> MailboxRecord {
        let now = clock()
        return try await database.write { db in try Self.insert(prepare(db), into: mailbox, db, now: now) }
    }

    /// ``append(_:to:)`` on the calling thread, for a save that writes its files and commits the
    /// index in one blocking job (``PosixFileSystem/withBlockingFiles(_:)``).
    func appendBlocking(_ messages: [NewMessage], to mailbox: String) throws -> MailboxRecord {
        let now = clock()
        return try database.write { db in try Self.insert(messages, into: mailbox, db, now: now) }
    }

    /// Adds message rows above the mailbox's UIDNEXT with one new modseq, and moves UIDNEXT past them.
    private static func insert(_ messages: [NewMessage], into mailbox: String, _ db: Database, now: Int64) throws -> MailboxRecord {
        let box = try Self.requireMailbox(db, mailbox)
        let modseq = box.highestModseq + 1
        var uidNext = box.uidNext
        for message in messages {
            guard message.uid >= uidNext, message.uid < UInt32.max else {
                throw MailIndexError(kind: .uidOutOfOrder, mailbox: mailbox)
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO message (mailbox_id, uid, guid, flags, keywords, modseq, internal_date, save_date,
                                         physical_size, virtual_size, body_location, envelope, body_structure)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [box.id, Int64(message.uid), message.guid.hex, message.flags.system.rawValue,
                            message.flags.storedKeywords, Int64(modseq), message.internalDate, message.saveDate ?? now,
                            message.physicalSize, message.virtualSize, message.bodyLocation,
                            message.envelope.map { Data($0) }, message.bodyStructure.map { Data($0) }]
            )
            if let header = message.header {
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO header_cache VALUES (?, ?, ?)").execute(arguments: [box.id, Int64(message.uid), Data(header)])
            }
            uidNext = message.uid + 1
        }
        try db.cachedStatement(sql: "UPDATE mailbox SET uid_next = ?, highest_modseq = ? WHERE id = ?").execute(arguments: [Int64(uidNext), Int64(modseq), box.id])
        return try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM mailbox WHERE id = ?"), arguments: [box.id]).map(Self.mailbox)!
    }

    /// The messages of a mailbox, by ascending UID; only those in `uids` when given.
    public func messages(in mailbox: String, uids: ClosedRange<UInt32>? = nil) async throws -> [MessageRecord] {
        try await messages(in: mailbox, uidRanges: [uids ?? 0...UInt32.max])
    }

    /// The messages of a mailbox whose UIDs lie in any of `uidRanges`, by ascending UID.
    /// - Parameter withStructure: also read the cached ENVELOPE and BODYSTRUCTURE, which are
    ///   most of a row's size; listings of flags and sizes leave them out.
    public func messages(in mailbox: String, uidRanges: [ClosedRange<UInt32>],
                         withStructure: Bool = false) async throws -> [MessageRecord] {
        let columns = withStructure ? Self.structureColumns : Self.listingColumns
        return try await database.read { db in
            let box = try Self.requireMailbox(db, mailbox)
            var records: [MessageRecord] = []
            for range in Self.merged(uidRanges) {
                // A cursor's rows are read in place, without a copy of each row.
                let rows = try Row.fetchCursor(
                    db.cachedStatement(sql: "SELECT \(columns) FROM message WHERE mailbox_id = ? AND uid BETWEEN ? AND ? ORDER BY uid"),
                    arguments: [box.id, Int64(range.lowerBound), Int64(range.upperBound)]
                )
                while let row = try rows.next() { records.append(Self.message(row)) }
            }
            return records
        }
    }

    /// The cached header blocks of those messages in `uidRanges` that have one, by UID.
    public func cachedHeaders(in mailbox: String, uidRanges: [ClosedRange<UInt32>]) async throws -> [UInt32: [UInt8]] {
        try await database.read { db in
            let box = try Self.requireMailbox(db, mailbox)
            var headers: [UInt32: [UInt8]] = [:]
            for range in Self.merged(uidRanges) {
                let rows = try Row.fetchCursor(
                    db.cachedStatement(sql: "SELECT uid, header FROM header_cache WHERE mailbox_id = ? AND uid BETWEEN ? AND ?"),
                    arguments: [box.id, Int64(range.lowerBound), Int64(range.upperBound)]
                )
                while let row = try rows.next() {
                    headers[UInt32(row[0] as Int64)] = [UInt8](row[1] as Data)
                }
            }
            return headers
        }
    }

    /// Every column but the cached structures, in the order ``message(_:)`` reads them.
    static let listingColumns = """
        uid, guid, flags, keywords, modseq, internal_date, save_date, physical_size, virtual_size, body_location
        """
    /// Every column, in the order ``message(_:)`` reads them.
    static let structureColumns = listingColumns + ", envelope, body_structure"

    /// `ranges` sorted with overlapping and adjacent ones joined, so no message is listed twice.
    static func merged(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound || range.lowerBound - last.upperBound == 1 {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// Changes flags (STORE). Messages whose flags do not change keep their modseq; those
    /// changed after `unchangedSince` are left alone and reported as modified (RFC 7162).
    public func updateFlags(
        in mailbox: String,
        uids: [UInt32],
        _ operation: FlagOperation,
        _ change: FlagSet,
        unchangedSince: UInt64? = nil
    ) async throws -> FlagUpdateResult {
        try await database.write { db in
            let box = try Self.requireMailbox(db, mailbox)
            let modseq = box.highestModseq + 1
            var result = FlagUpdateResult(updated: [], modified: [])
            for uid in Set(uids).sorted() {
                guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.structureColumns) FROM message WHERE mailbox_id = ? AND uid = ?"),
                                                 arguments: [box.id, Int64(uid)]) else { continue }
                var message = Self.message(row)
                if let unchangedSince, message.modseq > unchangedSince {
                    result.modified.append(uid)
                    continue
                }
                let flags = operation.apply(change, to: message.flags)
                guard flags != message.flags else { continue }
                message.flags = flags
                message.modseq = modseq
                try db.cachedStatement(sql: "UPDATE message SET flags = ?, keywords = ?, modseq = ? WHERE mailbox_id = ? AND uid = ?")
                    .execute(arguments: [flags.system.rawValue, flags.storedKeywords, Int64(modseq), box.id, Int64(uid)])
                result.updated.append(message)
            }
            if !result.updated.isEmpty {
                try db.cachedStatement(sql: "UPDATE mailbox SET highest_modseq = ? WHERE id = ?").execute(arguments: [Int64(modseq), box.id])
            }
            return result
        }
    }

    /// Removes messages, leaving tombstones that carry the expunge's modseq (for QRESYNC's
    /// VANISHED and for replication).
    /// - Returns: the messages that were removed, by ascending UID, and the expunge's modseq.
    public func expunge(in mailbox: String, uids: [UInt32]) async throws -> (removed: [MessageRecord], modseq: UInt64) {
        try await database.write { db in
            let box = try Self.requireMailbox(db, mailbox)
            let modseq = box.highestModseq + 1
            var removed: [MessageRecord] = []
            for uid in Set(uids).sorted() {
                guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.structureColumns) FROM message WHERE mailbox_id = ? AND uid = ?"),
                                                 arguments: [box.id, Int64(uid)]) else { continue }
                let message = Self.message(row)
                try db.cachedStatement(sql: "DELETE FROM message WHERE mailbox_id = ? AND uid = ?").execute(arguments: [box.id, Int64(uid)])
                try db.cachedStatement(sql: "INSERT INTO expunged VALUES (?, ?, ?, ?)").execute(arguments: [box.id, Int64(uid), message.guid.hex, Int64(modseq)])
                removed.append(message)
            }
            if !removed.isEmpty {
                try db.cachedStatement(sql: "UPDATE mailbox SET highest_modseq = ? WHERE id = ?").execute(arguments: [Int64(modseq), box.id])
            }
            return (removed, removed.isEmpty ? box.highestModseq : modseq)
        }
    }

    /// UIDs expunged after `modseq` (QRESYNC `VANISHED (EARLIER)`), ascending.
    public func expunged(in mailbox: String, after modseq: UInt64) async throws -> [UInt32] {
        try await database.read { db in
            let box = try Self.requireMailbox(db, mailbox)
            return try Int64.fetchAll(db.cachedStatement(sql: "SELECT uid FROM expunged WHERE mailbox_id = ? AND modseq > ? ORDER BY uid"),
                                      arguments: [box.id, Int64(modseq)]).map { UInt32($0) }
        }
    }

    /// The STATUS numbers of a mailbox.
    public func status(of mailbox: String) async throws -> MailboxStatus {
        try await database.read { db in
            let box = try Self.requireMailbox(db, mailbox)
            let row = try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT count(*) AS messages,
                           coalesce(sum(flags & ? = 0), 0) AS unseen,
                           coalesce(sum(flags & ? != 0), 0) AS deleted,
                           coalesce(sum(virtual_size), 0) AS size,
                           coalesce(sum(uid >= (SELECT first_recent_uid FROM mailbox WHERE id = ?)), 0) AS recent
                    FROM message WHERE mailbox_id = ?
                    """),
                arguments: [MessageFlags.seen.rawValue, MessageFlags.deleted.rawValue, box.id, box.id]
            )!
            return MailboxStatus(messages: row["messages"], recent: row["recent"], unseen: row["unseen"], deleted: row["deleted"], size: row["size"],
                                 uidNext: box.uidNext, uidValidity: box.uidValidity, highestModseq: box.highestModseq)
        }
    }

    /// What all the user's messages take (every copy counted).
    public func quotaUsage() async throws -> QuotaUsage {
        try lookup { db in
            let totals = try Row.fetchAll(db.cachedStatement(sql: "SELECT key, value FROM user_state WHERE key GLOB 'quota_*'"))
            let value = { (key: String) in totals.first { $0["key"] == key }?["value"] as Int64? ?? 0 }
            return QuotaUsage(storageBytes: value("quota_bytes"), messages: value("quota_messages"))
        }
    }

    // MARK: - Rows

    struct StoredMailbox {
        var id: Int64
        var uidValidity: UInt32
        var uidNext: UInt32
        var highestModseq: UInt64
    }

    static func requireMailbox(_ db: Database, _ name: String) throws -> StoredMailbox {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, uid_validity, uid_next, highest_modseq FROM mailbox WHERE name = ?"), arguments: [name]
        ) else {
            throw MailIndexError(kind: .mailboxNotFound, mailbox: name)
        }
        return StoredMailbox(id: row["id"], uidValidity: UInt32(row["uid_validity"] as Int64),
                             uidNext: UInt32(row["uid_next"] as Int64), highestModseq: UInt64(row["highest_modseq"] as Int64))
    }

    private static func mailboxID(_ db: Database, _ name: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM mailbox WHERE name = ?"), arguments: [name])
    }

    static func mailbox(_ row: Row) -> MailboxRecord {
        let specialUse: String = row["special_use"]
        return MailboxRecord(
            name: row["name"],
            guid: GUID128(hex: row["guid"])!,
            uidValidity: UInt32(row["uid_validity"] as Int64),
            uidNext: UInt32(row["uid_next"] as Int64),
            highestModseq: UInt64(row["highest_modseq"] as Int64),
            specialUse: Set(specialUse.split(separator: " ").map(String.init)),
            subscribed: row["subscribed"]
        )
    }

    /// A message row of ``listingColumns`` or ``structureColumns``, read by position: reading by
    /// name lower-cases the name for every value, which dominated listing big mailboxes.
    static func message(_ row: Row) -> MessageRecord {
        MessageRecord(
            uid: UInt32(row[0] as Int64),
            guid: GUID128(hex: row[1])!,
            flags: FlagSet(system: row[2], storedKeywords: row[3]),
            modseq: UInt64(row[4] as Int64),
            internalDate: row[5],
            saveDate: row[6],
            physicalSize: row[7],
            virtualSize: row[8],
            bodyLocation: row[9],
            envelope: row.count > 10 ? (row[10] as Data?).map { [UInt8]($0) } : nil,
            bodyStructure: row.count > 11 ? (row[11] as Data?).map { [UInt8]($0) } : nil
        )
    }

    private static func log(_ db: Database, _ kind: MailboxTreeChange.Kind, guid: GUID128, name: String, at time: Int64) throws {
        try db.cachedStatement(sql: "INSERT INTO tree_log (kind, guid, name, timestamp) VALUES (?, ?, ?, ?)").execute(arguments: [kind.rawValue, guid.hex, name, time])
    }

    /// Names are non-empty UTF-8 without NUL, CR or LF, and no empty hierarchy level.
    private static func validate(_ name: String) throws {
        let levels = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, !levels.contains(where: \.isEmpty),
              !name.unicodeScalars.contains(where: { $0 == "\0" || $0 == "\r" || $0 == "\n" })
        else { throw MailIndexError(kind: .invalidName, mailbox: name) }
    }
}
