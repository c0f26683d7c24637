import GRDB

/// What a session that opens a mailbox (IMAP SELECT) needs from the index: the mailbox's
/// messages in one consistent read, `\Recent` ownership, and the changes made since a modseq.
extension MailIndex {
    /// Reads a mailbox's UIDs and, when `claimingRecent`, takes its recent messages for the
    /// caller: `\Recent` belongs to the first session that sees a message (RFC 3501 §2.3.2), so
    /// later sessions find it claimed. A session that only looks (EXAMINE) claims nothing.
    public func select(_ mailbox: String, claimingRecent: Bool) async throws -> MailboxSelection {
        let read: @Sendable (Database) throws -> MailboxSelection = { db in
            let box = try Self.requireMailbox(db, mailbox)
            let firstRecent = claimingRecent ? try Self.claimRecent(db, box: box, below: box.uidNext) : try Self.firstRecent(db, box: box)
            let uids = try Int64.fetchAll(db.cachedStatement(sql: "SELECT uid FROM message WHERE mailbox_id = ? ORDER BY uid"), arguments: [box.id])
            let firstUnseen = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT min(uid) FROM message WHERE mailbox_id = ? AND flags & ? = 0"),
                arguments: [box.id, MessageFlags.seen.rawValue]
            )
            let keywords = try String.fetchAll(
                db.cachedStatement(sql: "SELECT DISTINCT keywords FROM message WHERE mailbox_id = ? AND keywords != ''"), arguments: [box.id]
            )
            let record = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM mailbox WHERE id = ?"), arguments: [box.id]).map(Self.mailbox)!
            return MailboxSelection(
                mailbox: record, uids: uids.map { UInt32($0) }, firstUnseen: firstUnseen.map { UInt32($0) },
                firstRecent: firstRecent,
                keywords: Set(keywords.flatMap { $0.split(separator: " ").map(String.init) })
            )
        }
        return claimingRecent ? try await database.write(read) : try await database.read(read)
    }

    /// Claims `\Recent` for messages below `uidNext` that no session has seen yet.
    /// - Returns: the lowest UID the caller now owns as recent; UIDs from it up to `uidNext`
    ///   are the caller's (none when it is `uidNext` or more).
    public func claimRecent(in mailbox: String, below uidNext: UInt32) async throws -> UInt32 {
        try await database.write { db in
            try Self.claimRecent(db, box: try Self.requireMailbox(db, mailbox), below: uidNext)
        }
    }

    private static func firstRecent(_ db: Database, box: StoredMailbox) throws -> UInt32 {
        UInt32(clamping: try Int64.fetchOne(db.cachedStatement(sql: "SELECT first_recent_uid FROM mailbox WHERE id = ?"), arguments: [box.id]) ?? 1)
    }

    /// Moves the mailbox's first recent UID up to `uidNext`; returns where it was.
    private static func claimRecent(_ db: Database, box: StoredMailbox, below uidNext: UInt32) throws -> UInt32 {
        let first = try firstRecent(db, box: box)
        if uidNext > first {
            try db.cachedStatement(sql: "UPDATE mailbox SET first_recent_uid = ? WHERE id = ?").execute(arguments: [Int64(uidNext), box.id])
        }
        return first
    }

    /// Everything that changed in a mailbox after `modseq`, in one consistent read: messages
    /// added or with new flags, and UIDs expunged.
    public func changes(in mailbox: String, since modseq: UInt64) async throws -> MailboxChanges {
        // A session asks before each command's answer, and mostly nothing changed: that is one
        // row, looked up on the caller's thread.
        guard let current = try await self.mailbox(named: mailbox) else {
            throw MailIndexError(kind: .mailboxNotFound, mailbox: mailbox)
        }
        if current.highestModseq <= modseq { return MailboxChanges(mailbox: current, changed: [], expunged: []) }
        return try await database.read { db in
            let box = try Self.requireMailbox(db, mailbox)
            let record = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM mailbox WHERE id = ?"), arguments: [box.id]).map(Self.mailbox)!
            guard record.highestModseq > modseq else { return MailboxChanges(mailbox: record, changed: [], expunged: []) }
            let changed = try Row.fetchAll(
                db.cachedStatement(sql: "SELECT \(Self.listingColumns) FROM message WHERE mailbox_id = ? AND modseq > ? ORDER BY uid"),
                arguments: [box.id, Int64(modseq)]
            ).map(Self.message)
            let expunged = try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT uid FROM expunged WHERE mailbox_id = ? AND modseq > ? ORDER BY uid"), arguments: [box.id, Int64(modseq)]
            )
            return MailboxChanges(mailbox: record, changed: changed, expunged: expunged.map { UInt32($0) })
        }
    }

    /// The highest UID of a message in the mailbox, if it has any.
    public func highestUID(in mailbox: String) async throws -> UInt32? {
        try lookup { db in
            let box = try Self.requireMailbox(db, mailbox)
            return try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(uid) FROM message WHERE mailbox_id = ?"), arguments: [box.id]).map { UInt32($0) }
        }
    }

    /// The mailbox with this GUID, whatever it is called now.
    public func mailbox(guid: GUID128) async throws -> MailboxRecord? {
        try lookup { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM mailbox WHERE guid = ?"), arguments: [guid.hex]).map(Self.mailbox)
        }
    }
}

/// A mailbox as a session opening it sees it.
public struct MailboxSelection: Sendable {
    public var mailbox: MailboxRecord
    /// Every message's UID, ascending: message sequence number n is `uids[n - 1]`.
    public var uids: [UInt32]
    /// The lowest UID without `\Seen`, if any.
    public var firstUnseen: UInt32?
    /// Messages from this UID on are `\Recent` for the session.
    public var firstRecent: UInt32
    /// The keywords some message of the mailbox has.
    public var keywords: Set<String>
}

/// What changed in a mailbox after some modseq.
public struct MailboxChanges: Sendable {
    /// The mailbox now (its HIGHESTMODSEQ is where the next look starts).
    public var mailbox: MailboxRecord
    /// Messages added or with changed flags, by ascending UID.
    public var changed: [MessageRecord]
    /// UIDs expunged, ascending; some may never have been seen by the caller.
    public var expunged: [UInt32]
}
