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
    private let database: DatabasePool
    private let clock: @Sendable () -> Int64

    /// Opens (creating when missing) the index at `path` and brings its schema up to date.
    /// - Parameter clock: seconds since 1970; tests pass a fixed clock.
    public init(path: String, clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        database = try DatabasePool(path: path, configuration: configuration)
        try IndexSchema.migrator.migrate(database)
        self.clock = clock
    }

    // MARK: - Mailbox tree

    /// Every mailbox, sorted by name.
    public func mailboxes() async throws -> [MailboxRecord] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM mailbox ORDER BY name").map(Self.mailbox)
        }
    }

    /// The mailbox called `name`, if any.
    public func mailbox(named name: String) async throws -> MailboxRecord? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM mailbox WHERE name = ?", arguments: [name]).map(Self.mailbox)
        }
    }

    /// Creates a mailbox with a new UIDVALIDITY (never reused for this user).
    /// - Parameter guid: kept from elsewhere when replication or a restore creates it.
    @discardableResult
    public func createMailbox(
        named name: String,
        specialUse: Set<String> = [],
        guid: GUID128 = .random()
    ) async throws -> MailboxRecord {
        try Self.validate(name)
        let now = clock()
        return try await database.write { db in
            guard try Self.mailboxID(db, name) == nil else {
                throw MailIndexError(kind: .mailboxExists, mailbox: name)
            }
            let last = try Int64.fetchOne(db, sql: "SELECT value FROM user_state WHERE key = 'uidvalidity'") ?? 0
            let uidValidity = UInt32(truncatingIfNeeded: max(last + 1, now))
            try db.execute(sql: "INSERT OR REPLACE INTO user_state VALUES ('uidvalidity', ?)", arguments: [Int64(uidValidity)])
            try db.execute(
                sql: "INSERT INTO mailbox (guid, name, uid_validity, uid_next, highest_modseq, special_use) VALUES (?, ?, ?, 1, 1, ?)",
                arguments: [guid.hex, name, Int64(uidValidity), specialUse.sorted().joined(separator: " ")]
            )
            try Self.log(db, .create, guid: guid, name: name, at: now)
            return try Row.fetchOne(db, sql: "SELECT * FROM mailbox WHERE name = ?", arguments: [name]).map(Self.mailbox)!
        }
    }

    /// Renames a mailbox and every mailbox below it; GUIDs and UIDVALIDITY stay.
    public func renameMailbox(from old: String, to new: String) async throws {
        try Self.validate(new)
        let now = clock()
        try await database.write { db in
            guard try Self.mailboxID(db, old) != nil else { throw MailIndexError(kind: .mailboxNotFound, mailbox: old) }
            guard try Self.mailboxID(db, new) == nil else { throw MailIndexError(kind: .mailboxExists, mailbox: new) }
            let moving = try Row.fetchAll(
                db,
                sql: "SELECT guid, name FROM mailbox WHERE name = ? OR substr(name, 1, ?) = ?",
                arguments: [old, old.count + 1, old + "/"]
            )
            for row in moving {
                let name: String = row["name"]
                let renamed = new + name.dropFirst(old.count)
                try db.execute(sql: "UPDATE mailbox SET name = ? WHERE name = ?", arguments: [renamed, name])
                try Self.log(db, .rename, guid: GUID128(hex: row["guid"])!, name: renamed, at: now)
            }
        }
    }

    /// Deletes a mailbox with its messages and tombstones. Mailboxes below it stay.
    public func deleteMailbox(named name: String) async throws {
        let now = clock()
        try await database.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT guid FROM mailbox WHERE name = ?", arguments: [name]) else {
                throw MailIndexError(kind: .mailboxNotFound, mailbox: name)
            }
            try db.execute(sql: "DELETE FROM mailbox WHERE name = ?", arguments: [name])
            try Self.log(db, .delete, guid: GUID128(hex: row["guid"])!, name: name, at: now)
        }
    }

    /// Subscribes to or unsubscribes from a mailbox.
    public func setSubscribed(_ subscribed: Bool, mailbox name: String) async throws {
        let now = clock()
        try await database.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT guid FROM mailbox WHERE name = ?", arguments: [name]) else {
                throw MailIndexError(kind: .mailboxNotFound, mailbox: name)
            }
            try db.execute(sql: "UPDATE mailbox SET subscribed = ? WHERE name = ?", arguments: [subscribed, name])
            try Self.log(db, subscribed ? .subscribe : .unsubscribe, guid: GUID128(hex: row["guid"])!, name: name, at: now)
        }
    }

    /// Tree changes in the order they happened, from `timestamp` on.
    public func treeChanges(since timestamp: Int64 = 0) async throws -> [MailboxTreeChange] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM tree_log WHERE timestamp >= ? ORDER BY id", arguments: [timestamp]).map {
                MailboxTreeChange(kind: MailboxTreeChange.Kind(rawValue: $0["kind"])!, guid: GUID128(hex: $0["guid"])!,
                                  name: $0["name"], timestamp: $0["timestamp"])
            }
        }
    }

    // MARK: - Messages

    /// Adds messages to a mailbox in one transaction (MULTIAPPEND is all or nothing).
    /// - Returns: the UIDs given, ascending, in the order of `messages`.
    public func append(_ messages: [NewMessage], to mailbox: String) async throws -> [UInt32] {
        let now = clock()
        return try await database.write { db in
            let box = try Self.requireMailbox(db, mailbox)
            let modseq = box.highestModseq + 1
            var uid = box.uidNext
            var uids: [UInt32] = []
            for message in messages {
                try db.execute(
                    sql: """
                        INSERT INTO message (mailbox_id, uid, guid, flags, keywords, modseq, internal_date, save_date,
                                             physical_size, virtual_size, body_location)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [box.id, Int64(uid), message.guid.hex, message.flags.system.rawValue,
                                message.flags.storedKeywords, Int64(modseq), message.internalDate, now,
                                message.physicalSize, message.virtualSize, message.bodyLocation]
                )
                uids.append(uid)
                uid += 1
            }
            try db.execute(sql: "UPDATE mailbox SET uid_next = ?, highest_modseq = ? WHERE id = ?",
                           arguments: [Int64(uid), Int64(modseq), box.id])
            return uids
        }
    }

    /// The messages of a mailbox, by ascending UID; only those in `uids` when given.
    public func messages(in mailbox: String, uids: ClosedRange<UInt32>? = nil) async throws -> [MessageRecord] {
        try await database.read { db in
            let box = try Self.requireMailbox(db, mailbox)
            let range = uids ?? 0...UInt32.max
            return try Row.fetchAll(
                db,
                sql: "SELECT * FROM message WHERE mailbox_id = ? AND uid BETWEEN ? AND ? ORDER BY uid",
                arguments: [box.id, Int64(range.lowerBound), Int64(range.upperBound)]
            ).map(Self.message)
        }
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
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM message WHERE mailbox_id = ? AND uid = ?",
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
                try db.execute(
                    sql: "UPDATE message SET flags = ?, keywords = ?, modseq = ? WHERE mailbox_id = ? AND uid = ?",
                    arguments: [flags.system.rawValue, flags.storedKeywords, Int64(modseq), box.id, Int64(uid)]
                )
                result.updated.append(message)
            }
            if !result.updated.isEmpty {
                try db.execute(sql: "UPDATE mailbox SET highest_modseq = ? WHERE id = ?", arguments: [Int64(modseq), box.id])
            }
            return result
        }
    }

    /// Removes messages, leaving tombstones that carry the expunge's modseq (for QRESYNC's
    /// VANISHED and for replication).
    /// - Returns: the UIDs that were removed, ascending.
    public func expunge(in mailbox: String, uids: [UInt32]) async throws -> [UInt32] {
        try await database.write { db in
            let box = try Self.requireMailbox(db, mailbox)
            let modseq = box.highestModseq + 1
            var removed: [UInt32] = []
            for uid in Set(uids).sorted() {
                guard let guid = try String.fetchOne(db, sql: "SELECT guid FROM message WHERE mailbox_id = ? AND uid = ?",
                                                     arguments: [box.id, Int64(uid)]) else { continue }
                try db.execute(sql: "DELETE FROM message WHERE mailbox_id = ? AND uid = ?", arguments: [box.id, Int64(uid)])
                try db.execute(sql: "INSERT INTO expunged VALUES (?, ?, ?, ?)",
                               arguments: [box.id, Int64(uid), guid, Int64(modseq)])
                removed.append(uid)
            }
            if !removed.isEmpty {
                try db.execute(sql: "UPDATE mailbox SET highest_modseq = ? WHERE id = ?", arguments: [Int64(modseq), box.id])
            }
            return removed
        }
    }

    /// UIDs expunged after `modseq` (QRESYNC `VANISHED (EARLIER)`), ascending.
    public func expunged(in mailbox: String, after modseq: UInt64) async throws -> [UInt32] {
        try await database.read { db in
            let box = try Self.requireMailbox(db, mailbox)
            return try Int64.fetchAll(db, sql: "SELECT uid FROM expunged WHERE mailbox_id = ? AND modseq > ? ORDER BY uid",
                                      arguments: [box.id, Int64(modseq)]).map { UInt32($0) }
        }
    }

    /// The STATUS numbers of a mailbox.
    public func status(of mailbox: String) async throws -> MailboxStatus {
        try await database.read { db in
            let box = try Self.requireMailbox(db, mailbox)
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) AS messages,
                           coalesce(sum(flags & ? = 0), 0) AS unseen,
                           coalesce(sum(flags & ? != 0), 0) AS deleted,
                           coalesce(sum(virtual_size), 0) AS size
                    FROM message WHERE mailbox_id = ?
                    """,
                arguments: [MessageFlags.seen.rawValue, MessageFlags.deleted.rawValue, box.id]
            )!
            return MailboxStatus(messages: row["messages"], unseen: row["unseen"], deleted: row["deleted"], size: row["size"],
                                 uidNext: box.uidNext, uidValidity: box.uidValidity, highestModseq: box.highestModseq)
        }
    }

    // MARK: - Rows

    private struct StoredMailbox {
        var id: Int64
        var uidValidity: UInt32
        var uidNext: UInt32
        var highestModseq: UInt64
    }

    private static func requireMailbox(_ db: Database, _ name: String) throws -> StoredMailbox {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT id, uid_validity, uid_next, highest_modseq FROM mailbox WHERE name = ?", arguments: [name]
        ) else {
            throw MailIndexError(kind: .mailboxNotFound, mailbox: name)
        }
        return StoredMailbox(id: row["id"], uidValidity: UInt32(row["uid_validity"] as Int64),
                             uidNext: UInt32(row["uid_next"] as Int64), highestModseq: UInt64(row["highest_modseq"] as Int64))
    }

    private static func mailboxID(_ db: Database, _ name: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM mailbox WHERE name = ?", arguments: [name])
    }

    private static func mailbox(_ row: Row) -> MailboxRecord {
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

    private static func message(_ row: Row) -> MessageRecord {
        MessageRecord(
            uid: UInt32(row["uid"] as Int64),
            guid: GUID128(hex: row["guid"])!,
            flags: FlagSet(system: row["flags"], storedKeywords: row["keywords"]),
            modseq: UInt64(row["modseq"] as Int64),
            internalDate: row["internal_date"],
            saveDate: row["save_date"],
            physicalSize: row["physical_size"],
            virtualSize: row["virtual_size"],
            bodyLocation: row["body_location"]
        )
    }

    private static func log(_ db: Database, _ kind: MailboxTreeChange.Kind, guid: GUID128, name: String, at time: Int64) throws {
        try db.execute(sql: "INSERT INTO tree_log (kind, guid, name, timestamp) VALUES (?, ?, ?, ?)",
                       arguments: [kind.rawValue, guid.hex, name, time])
    }

    /// Names are non-empty UTF-8 without NUL, CR or LF, and no empty hierarchy level.
    private static func validate(_ name: String) throws {
        let levels = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, !levels.contains(where: \.isEmpty),
              !name.unicodeScalars.contains(where: { $0 == "\0" || $0 == "\r" || $0 == "\n" })
        else { throw MailIndexError(kind: .invalidName, mailbox: name) }
    }
}
