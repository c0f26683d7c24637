import Foundation

/// Imports a Dovecot Maildir++ directory into a user's store: INBOX from the root, every
/// `.Folder` below it, with flags, keywords (`dovecot-keywords`), internal dates (file times),
/// subscriptions (`subscriptions`), and UIDs and UIDVALIDITY where `dovecot-uidlist` has them.
public struct MaildirImport {
    public let root: String
    /// Turns a folder name level from Dovecot's modified UTF-7 into UTF-8.
    public let decodeName: (String) -> String?

    public init(root: String, decodeName: @escaping (String) -> String?) {
        self.root = root
        self.decodeName = decodeName
    }

    /// One folder's outcome.
    public struct FolderReport: Hashable, Sendable {
        public var mailbox: String
        public var messages: Int
        /// Whether the Maildir's UIDs and UIDVALIDITY were kept (false when the mailbox already
        /// held mail, or the Maildir had no readable `dovecot-uidlist`).
        public var keptUIDs: Bool
    }

    /// Imports every folder, INBOX first.
    public func run(into store: UserMailStore) async throws -> [FolderReport] {
        var folders: [(name: String, path: String)] = [("INBOX", root)]
        let entries = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        for entry in entries {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: "\(root)/\(entry)", isDirectory: &isDirectory), isDirectory.boolValue,
                  let name = Maildir.mailboxName(directory: entry, decode: decodeName) else { continue }
            folders.append((name, "\(root)/\(entry)"))
        }
        let keywords = Maildir.parseKeywords((try? String(contentsOfFile: "\(root)/dovecot-keywords", encoding: .utf8)) ?? "")
        var reports: [FolderReport] = []
        for folder in folders {
            let folderKeywords = FileManager.default.fileExists(atPath: "\(folder.path)/dovecot-keywords")
                ? Maildir.parseKeywords((try? String(contentsOfFile: "\(folder.path)/dovecot-keywords", encoding: .utf8)) ?? "")
                : keywords
            reports.append(try await importFolder(folder.name, path: folder.path, keywords: folderKeywords, into: store))
        }
        let subscriptions = (try? String(contentsOfFile: "\(root)/subscriptions", encoding: .utf8)) ?? ""
        // Version 2 of the file starts with a `V<TAB>2` line; names follow, one per line.
        for line in subscriptions.split(whereSeparator: \.isNewline) where !line.hasPrefix("V\t") {
            let name = line.split(separator: ".", omittingEmptySubsequences: false).map { decodeName(String($0)) ?? String($0) }
                .joined(separator: "/")
            if reports.contains(where: { $0.mailbox == UserMailStore.canonicalName(name) }) {
                try await store.setSubscribed(true, mailbox: name)
            }
        }
        return reports
    }

    private func importFolder(_ name: String, path: String, keywords: [Int: String], into store: UserMailStore) async throws -> FolderReport {
        let uidList = (try? String(contentsOfFile: "\(path)/dovecot-uidlist", encoding: .utf8)).flatMap(Maildir.UIDList.init(parsing:))
        var files: [(path: String, uid: UInt32?, flags: FlagSet, date: Int64)] = []
        for directory in ["cur", "new"] {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: "\(path)/\(directory)")) ?? [] where !file.hasPrefix(".") {
                let filePath = "\(path)/\(directory)/\(file)"
                let attributes = try FileManager.default.attributesOfItem(atPath: filePath)
                guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
                let (base, letters) = Maildir.splitFileName(file)
                let modified = (attributes[.modificationDate] as? Date) ?? Date()
                files.append((filePath, uidList?.uids[base], Maildir.flags(letters: letters, keywords: keywords),
                              Int64(modified.timeIntervalSince1970)))
            }
        }
        // Known UIDs ascending, then the messages Dovecot had not numbered yet, oldest first.
        files.sort { ($0.uid ?? .max, $0.date) < ($1.uid ?? .max, $1.date) }
        let keep = try await store.beginImport(into: name, uidValidity: uidList?.uidValidity)
        var start = 0
        while start < files.count {
            let batch = try files[start..<min(start + 200, files.count)].map { file in
                ImportedMessage(uid: file.uid, message: MessageToAppend(
                    bytes: Array(try Data(contentsOf: URL(fileURLWithPath: file.path))), flags: file.flags, internalDate: file.date
                ))
            }
            try await store.importBatch(batch, into: name, keepingUIDs: keep)
            start += batch.count
        }
        if keep, let uidList {
            try await store.finishImport(into: name, nextUID: uidList.nextUID)
        }
        return FolderReport(mailbox: UserMailStore.canonicalName(name), messages: files.count, keptUIDs: keep)
    }
}

/// A message an import brings, with the UID it had where known.
public struct ImportedMessage: Sendable {
    public var uid: UInt32?
    public var message: MessageToAppend

    public init(uid: UInt32?, message: MessageToAppend) {
        self.uid = uid
        self.message = message
    }
}
