import GRDB

/// The tables of a user's `index.db`, as numbered migrations so that older files are upgraded
/// in place.
enum IndexSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE user_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE mailbox (
                    id INTEGER PRIMARY KEY,
                    guid TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL UNIQUE,
                    uid_validity INTEGER NOT NULL,
                    uid_next INTEGER NOT NULL,
                    highest_modseq INTEGER NOT NULL,
                    special_use TEXT NOT NULL DEFAULT '',
                    subscribed INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE message (
                    mailbox_id INTEGER NOT NULL REFERENCES mailbox(id) ON DELETE CASCADE,
                    uid INTEGER NOT NULL,
                    guid TEXT NOT NULL,
                    flags INTEGER NOT NULL,
                    keywords TEXT NOT NULL,
                    modseq INTEGER NOT NULL,
                    internal_date INTEGER NOT NULL,
                    save_date INTEGER NOT NULL,
                    physical_size INTEGER NOT NULL,
                    virtual_size INTEGER NOT NULL,
                    body_location TEXT NOT NULL,
                    PRIMARY KEY (mailbox_id, uid)
                ) WITHOUT ROWID;
                CREATE INDEX message_by_modseq ON message(mailbox_id, modseq);
                CREATE TABLE expunged (
                    mailbox_id INTEGER NOT NULL REFERENCES mailbox(id) ON DELETE CASCADE,
                    uid INTEGER NOT NULL,
                    guid TEXT NOT NULL,
                    modseq INTEGER NOT NULL,
                    PRIMARY KEY (mailbox_id, uid)
                ) WITHOUT ROWID;
                CREATE TABLE tree_log (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL,
                    guid TEXT NOT NULL,
                    name TEXT NOT NULL,
                    timestamp INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: cached ENVELOPE and BODYSTRUCTURE") { db in
            try db.execute(sql: """
                ALTER TABLE message ADD COLUMN envelope BLOB;
                ALTER TABLE message ADD COLUMN body_structure BLOB;
                """)
        }
        migrator.registerMigration("v3: multi-dbox map") { db in
            // A message row whose body_location is `map:<map_uid>` holds one reference to that
            // map entry: the triggers keep refcount equal to the number of such rows, whichever
            // statement adds or removes them (append, copy, expunge, a mailbox deleted with its
            // messages, a rebuild), and refuse a reference to an entry that is gone. Map UIDs are
            // never reused, so a reader may cache where one pointed.
            try db.execute(sql: """
                CREATE TABLE map (
                    map_uid INTEGER PRIMARY KEY AUTOINCREMENT,
                    guid TEXT NOT NULL,
                    file_id INTEGER NOT NULL,
                    offset INTEGER NOT NULL,
                    size INTEGER NOT NULL,
                    refcount INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX map_by_file ON map(file_id);
                CREATE TRIGGER map_reference AFTER INSERT ON message WHEN new.body_location GLOB 'map:*' BEGIN
                    SELECT RAISE(ABORT, 'the message''s map entry is gone')
                    WHERE NOT EXISTS (SELECT 1 FROM map WHERE map_uid = CAST(substr(new.body_location, 5) AS INTEGER));
                    UPDATE map SET refcount = refcount + 1 WHERE map_uid = CAST(substr(new.body_location, 5) AS INTEGER);
                END;
                CREATE TRIGGER map_unreference AFTER DELETE ON message WHEN old.body_location GLOB 'map:*' BEGIN
                    UPDATE map SET refcount = refcount - 1 WHERE map_uid = CAST(substr(old.body_location, 5) AS INTEGER);
                END;
                """)
        }
        migrator.registerMigration("v4: first recent UID per mailbox") { db in
            // Indexes written by development builds have the column under an earlier migration name.
            guard try !db.columns(in: "mailbox").contains(where: { $0.name == "first_recent_uid" }) else { return }
            try db.execute(sql: "ALTER TABLE mailbox ADD COLUMN first_recent_uid INTEGER NOT NULL DEFAULT 1")
        }
        migrator.registerMigration("v5: header cache") { db in
            // Each message's header block as saved (Dovecot's dovecot.index.cache keeps the header
            // fields clients ask for), so FETCH of header fields and header searches need no
            // message file. Kept apart from the message rows, which stay small for listings; a
            // message without a row here (saved before v5, rebuilt, or with a header over the
            // cache's limit) is read from its file. The trigger drops a row with its message.
            try db.execute(sql: """
                CREATE TABLE header_cache (
                    mailbox_id INTEGER NOT NULL,
                    uid INTEGER NOT NULL,
                    header BLOB NOT NULL,
                    PRIMARY KEY (mailbox_id, uid)
                );
                CREATE TRIGGER header_cache_drop AFTER DELETE ON message BEGIN
                    DELETE FROM header_cache WHERE mailbox_id = old.mailbox_id AND uid = old.uid;
                END;
                """)
        }
        migrator.registerMigration("v6: quota totals") { db in
            // What the user's messages take, kept by triggers in the transaction that adds or
            // removes a message (any statement: append, copy, expunge, a deleted mailbox, a
            // rebuild), so a save's quota check reads two numbers instead of every row.
            try db.execute(sql: """
                INSERT OR REPLACE INTO user_state (key, value) SELECT 'quota_messages', count(*) FROM message;
                INSERT OR REPLACE INTO user_state (key, value) SELECT 'quota_bytes', coalesce(sum(physical_size), 0) FROM message;
                CREATE TRIGGER quota_add AFTER INSERT ON message BEGIN
                    UPDATE user_state SET value = value + 1 WHERE key = 'quota_messages';
                    UPDATE user_state SET value = value + new.physical_size WHERE key = 'quota_bytes';
                END;
                CREATE TRIGGER quota_drop AFTER DELETE ON message BEGIN
                    UPDATE user_state SET value = value - 1 WHERE key = 'quota_messages';
                    UPDATE user_state SET value = value - old.physical_size WHERE key = 'quota_bytes';
                END;
                """)
        }
        return migrator
    }
}
