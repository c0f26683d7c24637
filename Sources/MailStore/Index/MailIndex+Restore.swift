import Foundation
import GRDB

/// A mailbox as a rebuild found it, with everything the index is to hold about it.
struct RestoredMailbox: Sendable {
    var guid: GUID128
    var name: String
    var uidValidity: UInt32
    var uidNext: UInt32
    var highestModseq: UInt64
    var specialUse: Set<String>
    var subscribed: Bool
    /// By ascending UID.
    var messages: [MessageRecord]
}

extension MailIndex {
    /// Replaces the whole content of the index with `mailboxes` and the multi-dbox `map` in one
    /// transaction, so other processes with the index open see either the old or the rebuilt
    /// state. Expunge tombstones of mailboxes that stay are kept. The next multi-dbox append
    /// starts a new file, numbered from `nextFileID` on.
    func restore(_ mailboxes: [RestoredMailbox], map: [MapEntry], nextFileID: Int64) async throws {
        try await database.write { db in
            // Messages first, so that the map entries they refer to can go.
            try db.execute(sql: "DELETE FROM message")
            try db.execute(sql: "DELETE FROM map")
            for entry in map {
                try db.execute(sql: "INSERT INTO map (map_uid, guid, file_id, offset, size, refcount) VALUES (?, ?, ?, ?, ?, 0)",
                               arguments: [entry.mapUID, entry.placement.guid.hex, entry.placement.fileID,
                                           entry.placement.offset, entry.placement.size])
            }
            var state = try Self.appendState(db)
            state = MultiDboxAppendState(nextFileID: max(state.nextFileID, nextFileID))
            try Self.setAppendState(state, db)
            let kept = mailboxes.map(\.guid.hex)
            let existing = try String.fetchAll(db, sql: "SELECT guid FROM mailbox")
            for guid in existing where !kept.contains(guid) {
                try db.execute(sql: "DELETE FROM mailbox WHERE guid = ?", arguments: [guid])
            }
            // Names move between GUIDs only through this transaction: park them first.
            try db.execute(sql: "UPDATE mailbox SET name = '\\u{1}' || guid")
            var highestUIDValidity = try Int64.fetchOne(db, sql: "SELECT value FROM user_state WHERE key = 'uidvalidity'") ?? 0
            for mailbox in mailboxes {
                try db.execute(
                    sql: """
                        INSERT INTO mailbox (guid, name, uid_validity, uid_next, highest_modseq, special_use, subscribed)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(guid) DO UPDATE SET name = excluded.name, uid_validity = excluded.uid_validity,
                            uid_next = excluded.uid_next, highest_modseq = excluded.highest_modseq,
                            special_use = excluded.special_use, subscribed = excluded.subscribed
                        """,
                    arguments: [mailbox.guid.hex, mailbox.name, Int64(mailbox.uidValidity), Int64(mailbox.uidNext),
                                Int64(mailbox.highestModseq), mailbox.specialUse.sorted().joined(separator: " "),
                                mailbox.subscribed]
                )
                let id = try Int64.fetchOne(db, sql: "SELECT id FROM mailbox WHERE guid = ?", arguments: [mailbox.guid.hex])!
                try db.execute(sql: "DELETE FROM message WHERE mailbox_id = ?", arguments: [id])
                for message in mailbox.messages {
                    try db.execute(
                        sql: """
                            INSERT INTO message (mailbox_id, uid, guid, flags, keywords, modseq, internal_date, save_date,
                                                 physical_size, virtual_size, body_location, envelope, body_structure)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [id, Int64(message.uid), message.guid.hex, message.flags.system.rawValue,
                                    message.flags.storedKeywords, Int64(message.modseq), message.internalDate,
                                    message.saveDate, message.physicalSize, message.virtualSize, message.bodyLocation,
                                    message.envelope.map { Data($0) }, message.bodyStructure.map { Data($0) }]
                    )
                }
                highestUIDValidity = max(highestUIDValidity, Int64(mailbox.uidValidity))
            }
            try db.execute(sql: "INSERT OR REPLACE INTO user_state VALUES ('uidvalidity', ?)", arguments: [highestUIDValidity])
        }
    }
}

extension MailIndex {
    /// The UIDs of a mailbox's expunge tombstones, found by mailbox GUID.
    func expungedUIDs(mailbox guid: GUID128) async throws -> Set<UInt32> {
        try await database.read { db in
            Set(try Int64.fetchAll(
                db,
                sql: "SELECT uid FROM expunged JOIN mailbox ON mailbox.id = expunged.mailbox_id WHERE mailbox.guid = ?",
                arguments: [guid.hex]
            ).map { UInt32($0) })
        }
    }

    /// Closes the database; the index must not be used afterwards.
    func close() throws {
        try database.close()
    }
}

extension MailIndex {
    /// Whether `error` says the database file is damaged or not a database at all.
    static func isCorruption(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
    }
}
