import FS
import Foundation
import MailMessage
import NIOPosix
import Synchronization

/// One user's mail: the index and the message bodies below the user's home, and the API that
/// IMAP, LMTP, Sieve and the command line work through.
///
/// Every write is durable when it returns. A save writes and commits the body files under the
/// mailbox's next UIDs while holding the user's save lock, then adds them to the index in one
/// transaction; a crash in between leaves files no client has seen, which the next save
/// replaces. Expunged messages leave the index first and their files afterwards. Bodies are
/// single-dbox files or records in multi-dbox files, as ``storageFormat`` says; nothing above
/// this type sees the difference.
/// INBOX is created on first use, safely when many sessions of a new user arrive at once.
public final class UserMailStore: Sendable {
    public let index: MailIndex
    /// The user's home directory.
    public let home: String
    /// How this home stores message bodies, as recorded in its index when it was created.
    public let storageFormat: MailStorageFormat
    private let bodies: SingleDboxStore
    /// Multi-dbox files, reachable when the file system can append.
    private let multiDbox: MultiDboxStore?
    private let saveLock: SaveLock
    private let changeBus = ChangeBus()
    private let quotaLimits = Mutex(QuotaLimits())
    private let clock: @Sendable () -> Int64

    /// Opens (creating when missing) the store in `home`. An index that is missing while message
    /// files exist, or that SQLite cannot read, is rebuilt from the files first.
    /// - Parameters:
    ///   - home: the user's home; a relative path is taken from the working directory.
    ///   - fileSystem: where bodies live, rooted at the home; posix by default.
    ///   - fsync: when the default posix file system fsyncs.
    public static func open(
        home: String,
        fileSystem: (any FileSystem)? = nil,
        fsync: FsyncPolicy = .optimized
    ) async throws -> UserMailStore {
        try await open(home: home, fileSystem: fileSystem, options: MailStorageOptions(fsync: fsync))
    }

    /// Opens (creating when missing) the store in `home`, as ``open(home:fileSystem:fsync:)``
    /// does. A new home is created in `options.format`; an existing one keeps its own.
    /// - Parameter threadPool: where the default posix file system runs its blocking calls.
    /// - Throws: ``MultiDboxError`` when the home is multi-dbox and `fileSystem` cannot append.
    public static func open(
        home: String,
        fileSystem: (any FileSystem)? = nil,
        options: MailStorageOptions,
        threadPool: NIOThreadPool = .singleton
    ) async throws -> UserMailStore {
        let fsync = options.fsync
        let home = home.hasPrefix("/") ? home : FileManager.default.currentDirectoryPath + "/" + home
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let bodies: any FileSystem
        if let fileSystem {
            bodies = fileSystem
        } else {
            bodies = try await PosixFileSystem.open(root: home, options: PosixFileSystem.Options(fsync: fsync), threadPool: threadPool)
        }
        let index = try await IndexRepair.openOrRebuild(home: home, fileSystem: bodies)
        let format = try await index.storageFormat(recording: options.format)
        guard format == .sdbox || bodies is any AppendableFileSystem else {
            throw MultiDboxError(problem: "\(home) is multi-dbox, and its file system cannot append")
        }
        return UserMailStore(home: home, index: index, fileSystem: bodies, format: format, rotateSize: options.mdboxRotateSize)
    }

    init(
        home: String,
        index: MailIndex,
        fileSystem: any FileSystem,
        format: MailStorageFormat,
        rotateSize: Int64,
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
    ) {
        self.home = home
        self.index = index
        self.storageFormat = format
        self.bodies = SingleDboxStore(fileSystem: fileSystem)
        self.multiDbox = (fileSystem as? any AppendableFileSystem).map {
            MultiDboxStore(fileSystem: $0, index: index, rotateSize: rotateSize)
        }
        self.saveLock = SaveLock(path: home + "/save.lock")
        self.clock = clock
    }

    /// The quota saves and copies are held to; none until set. The userdb decides it, so
    /// sessions set it from the user's record each time they open the store.
    public var quota: QuotaLimits {
        get { quotaLimits.withLock { $0 } }
        set { quotaLimits.withLock { $0 = newValue } }
    }

    /// Refuses what would pass the quota; reads the usage only when a limit is set.
    private func checkQuota(addingMessages messages: Int64, bytes: Int64) async throws {
        let limits = quota
        guard limits.messages != nil || limits.storageBytes != nil else { return }
        try QuotaExceeded.check(limits, usage: try await index.quotaUsage(), addingMessages: messages, bytes: bytes)
    }

    /// What the user's mail takes now.
    public func quotaUsage() async throws -> QuotaUsage {
        try await index.quotaUsage()
    }

    /// Every change made through this store (and any other store of this user in the process
    /// sharing it through ``OpenMailStores``) from now on.
    public func changes() -> AsyncStream<MailStoreChange> {
        changeBus.subscribe()
    }

    // MARK: - Mailboxes

    /// `INBOX` in any letter case is INBOX, also as the first level of a longer name.
    public static func canonicalName(_ name: String) -> String {
        let levels = name.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = levels.first, first.uppercased() == "INBOX" else { return name }
        return levels.count == 1 ? "INBOX" : "INBOX/" + levels[1]
    }

    /// Every mailbox, sorted by name; INBOX is created first if missing.
    public func mailboxes() async throws -> [MailboxRecord] {
        _ = try await mailbox(named: "INBOX")
        return try await index.mailboxes()
    }

    /// The mailbox called `name` (INBOX created when missing).
    /// - Throws: ``MailIndexError/Kind/mailboxNotFound``.
    public func mailbox(named name: String) async throws -> MailboxRecord {
        let name = Self.canonicalName(name)
        if let existing = try await index.mailbox(named: name) { return existing }
        guard name == "INBOX" else { throw MailIndexError(kind: .mailboxNotFound, mailbox: name) }
        do {
            return try await createMailbox(named: name)
        } catch let error as MailIndexError where error.kind == .mailboxExists {
            // Another session created it first.
            guard let created = try await index.mailbox(named: name) else { throw error }
            return created
        }
    }

    /// Creates a mailbox (with special-use attributes, RFC 6154 CREATE-SPECIAL-USE).
    @discardableResult
    public func createMailbox(named name: String, specialUse: Set<String> = []) async throws -> MailboxRecord {
        let created = try await index.createMailbox(named: Self.canonicalName(name), specialUse: specialUse)
        try await writeDescriptor(of: created)
        changeBus.publish(MailStoreChange(mailbox: created.guid, kind: .mailboxTree, modseq: created.highestModseq))
        return created
    }

    /// Deletes a mailbox and its messages. INBOX cannot be deleted; mailboxes below it stay.
    public func deleteMailbox(named name: String) async throws {
        let name = Self.canonicalName(name)
        guard name != "INBOX" else { throw MailIndexError(kind: .inboxNotDeletable, mailbox: name) }
        let deleted = try await index.deleteMailbox(named: name)
        try await bodies.deleteMailbox(deleted.guid)
        changeBus.publish(MailStoreChange(mailbox: deleted.guid, kind: .mailboxTree, modseq: deleted.highestModseq))
    }

    /// Renames a mailbox and those below it, keeping their GUIDs and UIDVALIDITY. Renaming INBOX
    /// moves its messages to a new mailbox of the new name and leaves INBOX empty (RFC 9051
    /// §6.3.6); mailboxes below INBOX do not move.
    public func renameMailbox(from old: String, to new: String) async throws {
        let old = Self.canonicalName(old)
        let new = Self.canonicalName(new)
        if old == "INBOX" {
            let target = try await createMailbox(named: new)
            let uids = try await index.messages(in: "INBOX").map(\.uid)
            _ = try await move(uids: uids, from: "INBOX", to: target.name)
            return
        }
        let renamed = try await index.renameMailbox(from: old, to: new)
        for mailbox in renamed {
            try await writeDescriptor(of: mailbox)
            changeBus.publish(MailStoreChange(mailbox: mailbox.guid, kind: .mailboxTree, modseq: mailbox.highestModseq))
        }
    }

    /// Subscribes to or unsubscribes from a mailbox.
    public func setSubscribed(_ subscribed: Bool, mailbox name: String) async throws {
        let mailbox = try await index.setSubscribed(subscribed, mailbox: Self.canonicalName(name))
        try await writeDescriptor(of: mailbox)
        changeBus.publish(MailStoreChange(mailbox: mailbox.guid, kind: .mailboxTree, modseq: mailbox.highestModseq))
    }

    /// The STATUS numbers of a mailbox.
    public func status(of name: String) async throws -> MailboxStatus {
        let name = Self.canonicalName(name)
        if name == "INBOX" { _ = try await mailbox(named: name) }
        return try await index.status(of: name)
    }

    func writeDescriptor(of mailbox: MailboxRecord) async throws {
        let descriptor = MailboxDescriptor(name: mailbox.name, uidValidity: mailbox.uidValidity,
                                           specialUse: mailbox.specialUse, subscribed: mailbox.subscribed, uidNext: mailbox.uidNext)
        try await bodies.writeDescriptor(descriptor, of: mailbox.guid)
    }

    // MARK: - Saving

    /// Stores messages in a mailbox, all or none (MULTIAPPEND).
    /// - Returns: the mailbox's UIDVALIDITY and the UIDs given, in the order of `messages`.
    public func append(_ messages: [MessageToAppend], to mailboxName: String) async throws -> AppendResult {
        let (updated, rows) = try await write(messages, to: mailboxName) { current in
            (0..<UInt32(messages.count)).map { current.uidNext + $0 }
        }
        return AppendResult(uidValidity: updated.uidValidity, uids: rows.map(\.uid))
    }

    /// Writes messages' files and index rows under the save lock, with the UIDs `assign` picks
    /// from the mailbox as it is once the lock is held (ascending, at least its UIDNEXT).
    /// - Returns: the mailbox after the save, and the rows added (with UIDs, GUIDs and locations).
    func write(
        _ messages: [MessageToAppend],
        to mailboxName: String,
        assign: @escaping @Sendable (MailboxRecord) -> [UInt32]
    ) async throws -> (MailboxRecord, [NewMessage]) {
        let prepared = messages.map { message in
            (message: message, guid: message.sharedFile?.guid ?? GUID128.random(),
             summary: message.summary ?? MessageSummary(parsing: message.bytes))
        }
        let now = clock()
        let (updated, rows): (MailboxRecord, [NewMessage]) = try await saveLock.withLock {
            let current = try await self.mailbox(named: mailboxName)
            try await self.checkQuota(addingMessages: Int64(messages.count), bytes: messages.reduce(Int64(0)) { $0 + Int64($1.bytes.count) })
            let uids = assign(current)
            var entries: [(bytes: [UInt8], metadata: DboxMetadata, row: NewMessage)] = []
            for (item, uid) in zip(prepared, uids) {
                let received = item.message.internalDate ?? now
                let virtualSize = item.summary.virtualSize
                var metadata = DboxMetadata(guid: item.guid.hex, received: received, virtualSize: virtualSize,
                                            originalMailbox: current.guid.hex)
                metadata.originalUID = uid
                entries.append((item.message.bytes, metadata, NewMessage(
                    uid: uid, guid: item.guid, flags: item.message.flags, internalDate: received,
                    physicalSize: Int64(item.message.bytes.count), virtualSize: virtualSize, bodyLocation: "",
                    envelope: item.summary.envelope, bodyStructure: item.summary.bodyStructure,
                    header: Self.cacheableHeader(of: item.message.bytes)
                )))
            }
            if self.storageFormat == .mdbox, let multiDbox = self.multiDbox {
                return (try await multiDbox.save(entries, to: current.name, created: now), entries.map(\.row))
            }
            if let posix = self.bodies.fileSystem as? PosixFileSystem {
                // The files and the index commit in one job on the I/O pool: one pass between
                // threads instead of one per file and one for the index.
                let index = self.index
                let sharedFiles = prepared.map(\.message.sharedFile)
                return try await posix.withBlockingFiles { [entries] files in
                    var rows = entries.map(\.row)
                    for (position, entry) in entries.enumerated() {
                        let location = SingleDboxStore.location(mailbox: current.guid, uid: entry.row.uid)
                        if let shared = sharedFiles[position], try files.link(external: shared.path, to: try FSPath(location)) {
                            rows[position].bodyLocation = location
                        } else {
                            rows[position].bodyLocation = try SingleDboxStore.save(
                                entry.bytes, mailbox: current.guid, uid: entry.row.uid, metadata: entry.metadata, created: now, with: files
                            )
                        }
                    }
                    return (try index.appendBlocking(rows, to: current.name), rows)
                }
            }
            // Other file systems (in memory, object storage) share no files between homes.
            for index in entries.indices {
                entries[index].row.bodyLocation = try await self.bodies.save(
                    entries[index].bytes, mailbox: current.guid, uid: entries[index].row.uid,
                    metadata: entries[index].metadata, created: now
                )
            }
            return (try await self.index.append(entries.map(\.row), to: current.name), entries.map(\.row))
        }
        let uids = rows.map(\.uid)
        changeBus.publish(MailStoreChange(mailbox: updated.guid, kind: .appended(uids), modseq: updated.highestModseq))
        return (updated, rows)
    }

    /// Stores one delivered message, as ``append(_:to:)`` does, and returns its file for the
    /// next recipient's store to link (`message.sharedFile` there) when this home keeps one
    /// file per message on posix; `nil` otherwise (multi-dbox, object storage).
    public func deliver(_ message: MessageToAppend, to mailboxName: String) async throws -> SharedMessageFile? {
        let (_, rows) = try await write([message], to: mailboxName) { [$0.uidNext] }
        guard storageFormat == .sdbox, let posix = bodies.fileSystem as? PosixFileSystem, let row = rows.first else { return nil }
        return SharedMessageFile(path: posix.absolutePath(of: try FSPath(row.bodyLocation)), guid: row.guid)
    }

    /// Stores one message and returns its UID.
    /// - Parameter internalDate: seconds since 1970; now when `nil`.
    public func save(
        _ message: [UInt8],
        to mailboxName: String = "INBOX",
        flags: FlagSet = FlagSet(),
        internalDate: Int64? = nil
    ) async throws -> UInt32 {
        let message = MessageToAppend(bytes: message, flags: flags, internalDate: internalDate)
        return try await append([message], to: mailboxName).uids[0]
    }

    // MARK: - Reading

    /// The messages of a mailbox whose UIDs lie in `uidRanges` (all when `nil`), ascending.
    /// - Parameter withStructure: include the cached ENVELOPE and BODYSTRUCTURE.
    public func messages(in mailbox: String, uidRanges: [ClosedRange<UInt32>]? = nil,
                         withStructure: Bool = false) async throws -> [MessageRecord] {
        let name = Self.canonicalName(mailbox)
        if name == "INBOX" { _ = try await self.mailbox(named: name) }
        return try await index.messages(in: name, uidRanges: uidRanges ?? [1...UInt32.max], withStructure: withStructure)
    }

    /// The stored bytes of a message.
    public func body(of record: MessageRecord) async throws -> [UInt8] {
        try await read(record.bodyLocation).body
    }

    /// The header blocks of `records` (of `mailbox`), by UID: from the index's header cache,
    /// else from the message files. What ``MIMEMessage/headerBlock(of:)`` gives of the message.
    public func headers(of records: [MessageRecord], in mailbox: String) async throws -> [UInt32: [UInt8]] {
        guard !records.isEmpty else { return [:] }
        var headers = try await index.cachedHeaders(in: Self.canonicalName(mailbox), uidRanges: records.map { $0.uid...$0.uid })
        for record in records where headers[record.uid] == nil {
            headers[record.uid] = Array(MIMEMessage.headerBlock(of: try await body(of: record)))
        }
        return headers
    }

    /// Headers up to this size are kept in the index's header cache; a larger one (a long chain
    /// of trace fields) is read from the message file when needed.
    static let headerCacheLimit = 32 * 1024

    /// `message`'s header block when the header cache is to keep it.
    static func cacheableHeader(of message: [UInt8]) -> [UInt8]? {
        let header = MIMEMessage.headerBlock(of: message)
        return header.count <= headerCacheLimit ? Array(header) : nil
    }

    /// Reads a message from wherever its location says: a multi-dbox map entry or a single-dbox file.
    func read(_ location: String) async throws -> (body: [UInt8], metadata: DboxMetadata) {
        guard MultiDboxStore.mapUID(location: location) != nil else { return try await bodies.read(location) }
        guard let multiDbox else { throw MultiDboxError(problem: "\(location): the file system cannot hold multi-dbox files") }
        return try await multiDbox.read(location)
    }

    /// The stored bytes of the message with `uid`.
    public func body(of uid: UInt32, in mailbox: String = "INBOX") async throws -> [UInt8] {
        guard let record = try await messages(in: mailbox, uidRanges: [uid...uid]).first else {
            throw MailIndexError(kind: .messageNotFound, mailbox: "\(mailbox) UID \(uid)")
        }
        return try await body(of: record)
    }

    // MARK: - Changing

    /// Changes flags (STORE), leaving messages changed after `unchangedSince` alone.
    public func updateFlags(
        in mailbox: String,
        uids: [UInt32],
        _ operation: FlagOperation,
        _ change: FlagSet,
        unchangedSince: UInt64? = nil
    ) async throws -> FlagUpdateResult {
        let name = Self.canonicalName(mailbox)
        let result = try await index.updateFlags(in: name, uids: uids, operation, change, unchangedSince: unchangedSince)
        if let modseq = result.updated.first?.modseq, let box = try await index.mailbox(named: name) {
            changeBus.publish(MailStoreChange(mailbox: box.guid, kind: .flagsChanged(result.updated.map(\.uid)), modseq: modseq))
        }
        return result
    }

    /// Copies messages to another mailbox, keeping flags and internal dates; the copies share
    /// the originals' bytes: a new reference to the same multi-dbox record, or a hard link to
    /// the single-dbox file where the file system allows.
    /// - Returns: the destination's UIDVALIDITY and the UID pairs (source, copy), by source UID.
    public func copy(uids: [UInt32], from source: String, to destination: String) async throws -> CopyResult {
        try await copy(uids: uids, from: source, to: destination, checkingQuota: true)
    }

    private func copy(uids: [UInt32], from source: String, to destination: String, checkingQuota: Bool) async throws -> CopyResult {
        let sourceName = Self.canonicalName(source)
        let records = try await index.messages(in: sourceName, uidRanges: uids.map { $0...$0 }, withStructure: true)
        let headers = try await index.cachedHeaders(in: sourceName, uidRanges: records.map { $0.uid...$0.uid })
        let target = try await mailbox(named: destination)
        guard !records.isEmpty else { return CopyResult(uidValidity: target.uidValidity, pairs: []) }
        let updated: MailboxRecord = try await saveLock.withLock {
            let current = try await self.mailbox(named: target.name)
            if checkingQuota {
                try await self.checkQuota(addingMessages: Int64(records.count), bytes: records.reduce(0) { $0 + $1.physicalSize })
            }
            var entries: [NewMessage] = []
            for (offset, record) in records.enumerated() {
                let uid = current.uidNext + UInt32(offset)
                let location = MultiDboxStore.mapUID(location: record.bodyLocation) != nil
                    ? record.bodyLocation
                    : try await self.bodies.copy(record.bodyLocation, to: current.guid, uid: uid)
                entries.append(NewMessage(
                    uid: uid, guid: record.guid, flags: record.flags, internalDate: record.internalDate,
                    physicalSize: record.physicalSize, virtualSize: record.virtualSize, bodyLocation: location,
                    envelope: record.envelope, bodyStructure: record.bodyStructure, header: headers[record.uid]
                ))
            }
            let updated = try await self.index.append(entries, to: current.name)
            // Without the index, only this log tells a rebuild that the records are here too.
            let shared = entries.filter { MultiDboxStore.mapUID(location: $0.bodyLocation) != nil }
            if let multiDbox = self.multiDbox, !shared.isEmpty {
                try await multiDbox.appendToUIDLog(shared.flatMap { MailboxUIDLog.copyEntry(uid: $0.uid, guid: $0.guid) },
                                                   of: current.guid)
            }
            return updated
        }
        let first = updated.uidNext - UInt32(records.count)
        let pairs = records.enumerated().map { UIDPair(source: $0.element.uid, copy: first + UInt32($0.offset)) }
        changeBus.publish(MailStoreChange(mailbox: updated.guid, kind: .appended(pairs.map(\.copy)), modseq: updated.highestModseq))
        return CopyResult(uidValidity: updated.uidValidity, pairs: pairs)
    }

    /// Moves messages (RFC 6851): copies them, then expunges the originals. A move does not
    /// change what the user's mail takes, so quota does not refuse it.
    public func move(uids: [UInt32], from source: String, to destination: String) async throws -> CopyResult {
        let result = try await copy(uids: uids, from: source, to: destination, checkingQuota: false)
        _ = try await expunge(in: source, uids: result.pairs.map(\.source))
        return result
    }

    /// Expunges the messages with these UIDs; those already gone are skipped.
    /// - Returns: the UIDs expunged, ascending.
    public func expunge(in mailbox: String, uids: [UInt32]) async throws -> [UInt32] {
        let name = Self.canonicalName(mailbox)
        let (removed, modseq) = try await index.expunge(in: name, uids: uids)
        guard !removed.isEmpty else { return [] }
        // Once the newest message's file is gone, only the descriptor tells a rebuild how far
        // UIDs went: it is written before the files are deleted, so no UID is ever given twice.
        if let box = try await index.mailbox(named: name), let newest = removed.last?.uid,
           try await index.highestUID(in: name).map({ $0 < newest }) ?? true {
            try await writeDescriptor(of: box)
        }
        // A multi-dbox record lost its reference with the index row; purge reclaims its bytes.
        for record in removed where MultiDboxStore.mapUID(location: record.bodyLocation) == nil {
            try await bodies.delete(record.bodyLocation)
        }
        guard let box = try await index.mailbox(named: name) else { return removed.map(\.uid) }
        changeBus.publish(MailStoreChange(mailbox: box.guid, kind: .expunged(removed.map(\.uid)), modseq: modseq))
        // The records still name this mailbox and these UIDs; the log tells a rebuild without
        // the index that they are gone.
        let shared = removed.filter { MultiDboxStore.mapUID(location: $0.bodyLocation) != nil }.map { $0.uid...$0.uid }
        if let multiDbox, !shared.isEmpty {
            try await saveLock.withLock {
                try await multiDbox.appendToUIDLog(MailboxUIDLog.expungeEntry(shared), of: box.guid)
            }
        }
        return removed.map(\.uid)
    }

    /// Expunges every message flagged `\Deleted` (CLOSE, EXPUNGE).
    public func expungeDeleted(in mailbox: String) async throws -> [UInt32] {
        let deleted = try await messages(in: mailbox).filter { $0.flags.system.contains(.deleted) }.map(\.uid)
        return try await expunge(in: mailbox, uids: deleted)
    }
}

/// A message handed to ``UserMailStore/append(_:to:)``.
public struct MessageToAppend: Sendable {
    public var bytes: [UInt8]
    public var flags: FlagSet
    /// INTERNALDATE in seconds since 1970; the time of the append when `nil`.
    public var internalDate: Int64?
    /// The parse of `bytes`, when the caller has it; the store parses them when `nil`.
    public var summary: MessageSummary?
    /// Another home's file holding these very bytes, to link instead of writing them again
    /// (single-dbox homes on one device); written as usual when it cannot be linked.
    public var sharedFile: SharedMessageFile?

    public init(
        bytes: [UInt8], flags: FlagSet = FlagSet(), internalDate: Int64? = nil, summary: MessageSummary? = nil,
        sharedFile: SharedMessageFile? = nil
    ) {
        self.bytes = bytes
        self.flags = flags
        self.internalDate = internalDate
        self.summary = summary
        self.sharedFile = sharedFile
    }
}

/// A stored single-dbox message file that other users' stores may link (LMTP delivery of one
/// message to several users): where it is, and the GUID in its metadata, which every link keeps.
public struct SharedMessageFile: Sendable, Hashable {
    /// The file's absolute path.
    public var path: String
    public var guid: GUID128
}

/// What an append returns (RFC 4315 APPENDUID).
public struct AppendResult: Hashable, Sendable {
    public var uidValidity: UInt32
    public var uids: [UInt32]
}

/// What a copy or move returns (RFC 4315 COPYUID).
public struct CopyResult: Hashable, Sendable {
    public var uidValidity: UInt32
    /// By ascending source UID.
    public var pairs: [UIDPair]
}

/// A message's UID in the source mailbox and the UID of its copy.
public struct UIDPair: Hashable, Sendable {
    public var source: UInt32
    public var copy: UInt32
}

extension UserMailStore {
    /// Reclaims the space of expunged multi-dbox messages (`columba purge`, Dovecot's
    /// `doveadm purge`), holding the save lock so no save interleaves, and rewrites the
    /// mailboxes' UID logs with only what they still need to say. A single-dbox home has
    /// nothing to purge: its expunged messages' files are deleted at once.
    public func purge() async throws -> PurgeReport {
        guard let multiDbox else { return PurgeReport() }
        let now = clock()
        return try await saveLock.withLock {
            let report = try await multiDbox.purge(created: now)
            try await multiDbox.compactUIDLogs()
            return report
        }
    }

    /// Rebuilds the index from the dbox files in place (`columba force-resync`), keeping flags
    /// and modseqs from the current index, holding the save lock so no save interleaves.
    public func forceResync() async throws -> RebuildReport {
        try await saveLock.withLock {
            try await IndexRepair.rebuild(into: self.index, bodies: self.bodies, previous: self.index)
        }
    }
}
