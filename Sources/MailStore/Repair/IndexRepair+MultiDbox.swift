import FS

/// What a rebuild found in the multi-dbox storage files.
struct MultiDboxFindings {
    /// Every intact record, as the map is to list it (references are counted by the message rows).
    var map: [MapEntry] = []
    /// Each mailbox's messages stored in multi-dbox files, by mailbox GUID. A UID of 0 is one
    /// the rebuild is to assign (above the mailbox's UIDNEXT).
    var messages: [GUID128: [MessageRecord]] = [:]
    /// The UIDNEXT each mailbox's UID log requires (above every UID it names), by mailbox GUID.
    var uidNextFloor: [GUID128: UInt32] = [:]
    /// The id above every storage file's.
    var nextFileID: Int64 = 1
    var adopted = 0
    var unreadable: [String] = []
}

extension IndexRepair {
    /// Reads every multi-dbox storage file and decides what the rebuilt index lists.
    ///
    /// Map entries the previous index has keep their map UIDs when their record is still where
    /// the entry says, and the previous index's messages keep referring to them (with their
    /// flags and UIDs). A record no message of the previous index refers to (a save that crashed
    /// before its commit, an index that lost rows) is adopted into the mailbox its metadata names
    /// (`B`) under the UID it was saved with (`U`) unless the previous index has that UID, as a
    /// message or as expunged. Without a previous index the mailboxes' UID logs
    /// (``MailboxUIDLog``) say the rest: the copies and moves each mailbox received, and which
    /// UIDs were expunged (a record is not adopted under an expunged UID). A GUID found in
    /// several records (a purge that crashed between its copy and its commit) is adopted once;
    /// the other records stay in the map unreferenced, for the next purge.
    static func scanMultiDbox(fileSystem: any FileSystem, previous: MailIndex?) async throws -> MultiDboxFindings {
        var findings = MultiDboxFindings()
        let previousEntries = (try? await previous?.mapEntries()) ?? []
        let previousByPlace = Dictionary(previousEntries.map { ("\($0.placement.fileID)/\($0.placement.offset)", $0) },
                                         uniquingKeysWith: { first, _ in first })
        var nextMapUID = (previousEntries.map(\.mapUID).max() ?? 0) + 1
        /// The previous map's entries whose records are where it says, with their GUIDs.
        var confirmed: [Int64: GUID128] = [:]
        /// Each GUID's record (one the previous map lists where there is one), with what an
        /// adoption needs.
        var byGUID: [GUID128: (mapUID: Int64, metadata: DboxMetadata, body: ArraySlice<UInt8>)] = [:]
        for file in try await MultiDboxStore.files(in: fileSystem) {
            findings.nextFileID = max(findings.nextFileID, file.id + 1)
            let contents: (bytes: [UInt8], file: DboxFile)
            do {
                contents = try await MultiDboxStore.contents(ofFile: file.id, in: fileSystem)
            } catch {
                findings.unreadable.append("storage/m.\(file.id): \(error)")
                continue
            }
            for damage in contents.file.damage {
                findings.unreadable.append("storage/m.\(file.id): \(damage)")
            }
            for record in contents.file.records {
                guard let guid = GUID128(hex: record.metadata.guid) else {
                    findings.unreadable.append("storage/m.\(file.id) at \(record.start): the record has no valid GUID")
                    continue
                }
                let placement = MapPlacement(guid: guid, fileID: file.id, offset: Int64(record.start),
                                             size: Int64(record.end - record.start))
                let known = previousByPlace["\(file.id)/\(record.start)"].flatMap { $0.placement == placement ? $0 : nil }
                let mapUID: Int64
                if let known {
                    mapUID = known.mapUID
                    confirmed[mapUID] = guid
                } else {
                    mapUID = nextMapUID
                    nextMapUID += 1
                }
                findings.map.append(MapEntry(mapUID: mapUID, placement: placement, references: 0))
                if known != nil || byGUID[guid] == nil {
                    byGUID[guid] = (mapUID, record.metadata, contents.bytes[record.bodyOffset..<(record.bodyOffset + record.bodySize)])
                }
            }
        }

        var taken: [GUID128: Set<UInt32>] = [:]
        var referenced = Set<Int64>()
        if let previous {
            for mailbox in (try? await previous.mailboxes()) ?? [] {
                var messages: [MessageRecord] = []
                let listed = (try? await previous.messages(in: mailbox.name, uidRanges: [1...UInt32.max], withStructure: true)) ?? []
                for var message in listed {
                    guard let mapUID = MultiDboxStore.mapUID(location: message.bodyLocation) else { continue }
                    if confirmed[mapUID] == message.guid {
                        messages.append(message)
                        referenced.insert(mapUID)
                    } else if let found = byGUID[message.guid] {
                        message.bodyLocation = MultiDboxStore.location(mapUID: found.mapUID)
                        messages.append(message)
                        referenced.insert(found.mapUID)
                    } else {
                        findings.unreadable.append("\(mailbox.name) UID \(message.uid): its record is in no storage file")
                    }
                }
                taken[mailbox.guid] = Set(listed.map(\.uid)).union((try? await previous.expungedUIDs(mailbox: mailbox.guid)) ?? [])
                findings.messages[mailbox.guid] = messages
            }
        }
        var logs: [GUID128: MailboxUIDLog] = [:]
        if previous == nil {
            for mailbox in try await SingleDboxStore(fileSystem: fileSystem).mailboxDirectories() {
                guard let log = try await MultiDboxStore.uidLog(of: mailbox, in: fileSystem) else { continue }
                logs[mailbox] = log
                findings.uidNextFloor[mailbox] = log.highestUID &+ 1
                for (uid, guid) in log.presentCopies.sorted(by: { $0.key < $1.key }) {
                    guard let found = byGUID[guid] else {
                        findings.unreadable.append("mailbox \(mailbox.hex) UID \(uid): the record of its copy is in no storage file")
                        continue
                    }
                    findings.messages[mailbox, default: []].append(adoptedMessage(found, uid: uid))
                    taken[mailbox, default: []].insert(uid)
                    findings.adopted += 1
                }
            }
        }
        for record in byGUID.values.sorted(by: { $0.mapUID < $1.mapUID }) where !referenced.contains(record.mapUID) {
            guard let mailbox = record.metadata.originalMailbox.flatMap(GUID128.init(hex:)) else {
                findings.unreadable.append("map entry \(record.mapUID): the record names no mailbox")
                continue
            }
            // With a previous index, a mailbox it does not list was deleted with its messages.
            if previous != nil, taken[mailbox] == nil { continue }
            var uid = record.metadata.originalUID ?? 0
            if logs[mailbox]?.isExpunged(uid) == true { continue }
            if taken[mailbox, default: []].contains(uid) {
                // The previous index has this UID as another message or as expunged.
                guard previous == nil else { continue }
                uid = 0
            }
            if uid != 0 { taken[mailbox, default: []].insert(uid) }
            findings.messages[mailbox, default: []].append(adoptedMessage(record, uid: uid))
            findings.adopted += 1
        }
        return findings
    }

    /// The row of a record adopted under `uid` (0: one the rebuild is to assign), without flags.
    private static func adoptedMessage(
        _ record: (mapUID: Int64, metadata: DboxMetadata, body: ArraySlice<UInt8>),
        uid: UInt32
    ) -> MessageRecord {
        let summary = MessageSummary(parsing: Array(record.body))
        return MessageRecord(
            uid: uid,
            guid: GUID128(hex: record.metadata.guid)!,
            flags: FlagSet(),
            modseq: 0,
            internalDate: record.metadata.received,
            saveDate: record.metadata.received,
            physicalSize: record.metadata.physicalSize ?? Int64(record.body.count),
            virtualSize: record.metadata.virtualSize,
            bodyLocation: MultiDboxStore.location(mapUID: record.mapUID),
            envelope: summary.envelope,
            bodyStructure: summary.bodyStructure
        )
    }
}
