import FS
import Foundation
import GRDB

/// Rebuilds a user's index from the dbox files: after the index was lost or corrupted, and on
/// `columba force-resync`.
///
/// Mailbox names, GUIDs, UIDVALIDITY, special-use and subscriptions come from each mailbox's
/// ``MailboxDescriptor``; every single-dbox message's UID from its file name, and GUID, internal
/// date and sizes from its dbox metadata. Flags, keywords, modseqs and save dates come from the
/// previous index where it can still be read (they live nowhere else). Files whose UIDs the
/// previous index lists as expunged are deleted instead of adopted. A file that cannot be read
/// is left where it is and reported, never deleted. Multi-dbox storage files give the map and
/// their messages as ``scanMultiDbox(fileSystem:previous:)`` says.
enum IndexRepair {
    static let indexFileName = "index.db"

    /// Opens the index in `home`, rebuilding it first when it is missing while mailboxes exist
    /// or when SQLite cannot read it (the broken file is kept beside it as `index.db.broken-<time>`).
    static func openOrRebuild(home: String, fileSystem: any FileSystem) async throws -> MailIndex {
        let path = "\(home)/\(indexFileName)"
        let bodies = SingleDboxStore(fileSystem: fileSystem)
        if FileManager.default.fileExists(atPath: path) {
            do {
                return try await openSharing(path)
            } catch where MailIndex.isCorruption(error) {
                let aside = "\(path).broken-\(Int64(Date().timeIntervalSince1970))"
                for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                    try FileManager.default.moveItem(atPath: path + suffix, toPath: aside + suffix)
                }
                return try await rebuildFile(at: path, bodies: bodies, previous: nil)
            }
        }
        if try await bodies.mailboxDirectories().isEmpty, try await MultiDboxStore.files(in: fileSystem).isEmpty {
            return try await openSharing(path)
        }
        return try await rebuildFile(at: path, bodies: bodies, previous: nil)
    }

    /// Opens (creating or migrating) the index at `path` while other processes or stores may be
    /// doing the same to the same new file, as when many first sessions of a user arrive at once:
    /// SQLite refuses the losers of that race (a locked database, or a schema step or migration
    /// record another opener has just made), and they try again once the winner is done.
    private static func openSharing(_ path: String) async throws -> MailIndex {
        var attempt = 0
        while true {
            do {
                return try MailIndex(path: path)
            } catch let error as DatabaseError where attempt < 100 && [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_ERROR, .SQLITE_CONSTRAINT].contains(error.resultCode) {
                attempt += 1
                try await Task.sleep(for: .milliseconds(10 + attempt))
            }
        }
    }

    /// Builds a new index file beside `path` and renames it into place, so a crash during the
    /// rebuild leaves no half-filled index that would hide mail.
    private static func rebuildFile(at path: String, bodies: SingleDboxStore, previous: MailIndex?) async throws -> MailIndex {
        let building = path + ".rebuild"
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: building + suffix)
        }
        let fresh = try MailIndex(path: building)
        _ = try await rebuild(into: fresh, bodies: bodies, previous: previous)
        try fresh.close()
        guard rename(building, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return try MailIndex(path: path)
    }

    /// Reads every mailbox directory and replaces `target`'s content with what it found.
    /// `target` and `previous` may be the same index (an in-place resync).
    static func rebuild(into target: MailIndex, bodies: SingleDboxStore, previous: MailIndex?) async throws -> RebuildReport {
        var report = RebuildReport()
        let multi = try await scanMultiDbox(fileSystem: bodies.fileSystem, previous: previous)
        report.adopted = multi.adopted
        report.unreadable = multi.unreadable
        let previousMailboxes = Dictionary(
            ((try? await previous?.mailboxes()) ?? []).map { ($0.guid, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        let now = UInt32(truncatingIfNeeded: Int64(Date().timeIntervalSince1970))
        var restored: [RestoredMailbox] = []
        var usedNames = Set<String>()
        let directories = try await bodies.mailboxDirectories()
        for guid in directories + multi.messages.keys.filter({ !directories.contains($0) }).sorted(by: { $0.hex < $1.hex }) {
            let descriptor = try? await bodies.descriptor(of: guid)
            let old = previousMailboxes[guid]
            let uids = try await bodies.messageUIDs(in: guid)
            let multiMessages = multi.messages[guid] ?? []
            if descriptor == nil, old == nil, uids.isEmpty, multiMessages.isEmpty { continue }
            var oldMessages: [UInt32: MessageRecord] = [:]
            var tombstones = Set<UInt32>()
            if let old, let previous {
                for record in (try? await previous.messages(in: old.name)) ?? [] { oldMessages[record.uid] = record }
                tombstones = (try? await previous.expungedUIDs(mailbox: guid)) ?? []
            }
            var highestModseq = old?.highestModseq ?? 1
            var adoptedModseq: UInt64 { (old?.highestModseq ?? 1) + 1 }
            var messages: [MessageRecord] = []
            for uid in uids {
                let location = SingleDboxStore.location(mailbox: guid, uid: uid)
                if tombstones.contains(uid) {
                    try await bodies.delete(location)
                    report.expungedFilesRemoved += 1
                    continue
                }
                let stored: (body: [UInt8], metadata: DboxMetadata)
                do {
                    stored = try await bodies.read(location)
                } catch {
                    report.unreadable.append("\(location): \(error)")
                    continue
                }
                let messageGUID = GUID128(hex: stored.metadata.guid) ?? .random()
                let kept = oldMessages[uid].flatMap { $0.guid == messageGUID ? $0 : nil }
                if kept == nil { report.adopted += 1 }
                let summary = MessageSummary(parsing: stored.body)
                let record = MessageRecord(
                    uid: uid,
                    guid: messageGUID,
                    flags: kept?.flags ?? FlagSet(),
                    modseq: kept?.modseq ?? adoptedModseq,
                    internalDate: stored.metadata.received,
                    saveDate: kept?.saveDate ?? stored.metadata.received,
                    physicalSize: stored.metadata.physicalSize ?? Int64(stored.body.count),
                    virtualSize: stored.metadata.virtualSize,
                    bodyLocation: location,
                    envelope: summary.envelope,
                    bodyStructure: summary.bodyStructure
                )
                highestModseq = max(highestModseq, record.modseq)
                messages.append(record)
            }
            // Multi-dbox messages the previous index listed keep their UIDs; adopted ones keep
            // the UID they were saved with when free, or get new ones.
            var used = Set(messages.map(\.uid))
            var waiting: [MessageRecord] = []
            for var message in multiMessages {
                if message.modseq == 0 { message.modseq = adoptedModseq }
                if message.uid == 0 || used.contains(message.uid) {
                    waiting.append(message)
                    continue
                }
                used.insert(message.uid)
                highestModseq = max(highestModseq, message.modseq)
                messages.append(message)
            }
            var uidNext = max(old?.uidNext ?? 1, descriptor?.uidNext ?? 1, multi.uidNextFloor[guid] ?? 1,
                              (used.max() ?? 0) + 1, (uids.last ?? 0) + 1)
            for var message in waiting {
                message.uid = uidNext
                uidNext += 1
                highestModseq = max(highestModseq, message.modseq)
                messages.append(message)
            }
            messages.sort { $0.uid < $1.uid }
            var name = descriptor?.name ?? old?.name ?? "Recovered/\(guid.hex)"
            if usedNames.contains(name) { name += "-\(guid.hex.prefix(8))" }
            usedNames.insert(name)
            restored.append(RestoredMailbox(
                guid: guid,
                name: name,
                uidValidity: descriptor?.uidValidity ?? old?.uidValidity ?? now,
                uidNext: uidNext,
                highestModseq: highestModseq,
                specialUse: descriptor?.specialUse ?? old?.specialUse ?? [],
                subscribed: descriptor?.subscribed ?? old?.subscribed ?? false,
                messages: messages
            ))
            report.messages += messages.count
        }
        // Mailboxes the previous index knows that have no directory and no message: keep them.
        for (guid, old) in previousMailboxes where !restored.contains(where: { $0.guid == guid }) && !usedNames.contains(old.name) {
            restored.append(RestoredMailbox(guid: guid, name: old.name, uidValidity: old.uidValidity, uidNext: old.uidNext,
                                            highestModseq: old.highestModseq, specialUse: old.specialUse,
                                            subscribed: old.subscribed, messages: []))
        }
        report.mailboxes = restored.count
        try await target.restore(restored, map: multi.map, nextFileID: multi.nextFileID)
        return report
    }
}

/// What a rebuild found.
public struct RebuildReport: Hashable, Sendable {
    public var mailboxes = 0
    public var messages = 0
    /// Messages found in files that the previous index did not list (or had no readable index).
    public var adopted = 0
    /// Files of messages already expunged, deleted now.
    public var expungedFilesRemoved = 0
    /// Files that could not be read, with the reason; left in place.
    public var unreadable: [String] = []
}
