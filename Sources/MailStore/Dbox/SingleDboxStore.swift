import FS
import NIOCore

/// Message bodies as single-dbox files: one dbox file per message, through the FS API.
///
/// Files are named as in Dovecot's sdbox, `mailboxes/<mailbox GUID>/u.<uid>`, so the file name
/// carries the UID and a rebuild restores UIDs, including those of copies. Beside the messages,
/// each mailbox directory holds its ``MailboxDescriptor``. A writer holds the user's save lock
/// while it writes files under the mailbox's UIDNEXT and adds them to the index; a file left by
/// a save that crashed before the index listed it has a UID no client has seen, and the next
/// save to that UID replaces it.
public struct SingleDboxStore: Sendable {
    let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem) {
        self.fileSystem = fileSystem
    }

    /// The directory that holds every mailbox's files.
    static let root = "mailboxes"

    /// Where a message's file lives.
    public static func location(mailbox: GUID128, uid: UInt32) -> String {
        "\(root)/\(mailbox.hex)/u.\(uid)"
    }

    /// The UID in a message file's name (`u.<uid>`), or `nil` for other files.
    static func uid(fileName: String) -> UInt32? {
        guard fileName.hasPrefix("u.") else { return nil }
        return UInt32(fileName.dropFirst(2))
    }

    /// Writes one message as a dbox file and commits it: durable when this returns, under the
    /// file system's fsync policy.
    public func save(
        _ message: [UInt8],
        mailbox: GUID128,
        uid: UInt32,
        metadata: DboxMetadata,
        created: Int64
    ) async throws -> String {
        let location = Self.location(mailbox: mailbox, uid: uid)
        try await fileSystem.write(Self.file(message, metadata: metadata, created: created), to: try FSPath(location), mode: .replace)
        return location
    }

    /// ``save(_:mailbox:uid:metadata:created:)`` inside ``PosixFileSystem/withBlockingFiles(_:)``.
    public static func save(
        _ message: [UInt8],
        mailbox: GUID128,
        uid: UInt32,
        metadata: DboxMetadata,
        created: Int64,
        with files: PosixBlockingFiles
    ) throws -> String {
        let location = location(mailbox: mailbox, uid: uid)
        try files.write(file(message, metadata: metadata, created: created), to: try FSPath(location), mode: .replace)
        return location
    }

    /// The bytes of a single-dbox file holding `message`.
    private static func file(_ message: [UInt8], metadata: DboxMetadata, created: Int64) -> ByteBuffer {
        let header = DboxFileHeader(created: created)
        var buffer = ByteBuffer()
        buffer.reserveCapacity(message.count + 256)
        buffer.writeBytes(header.encoded)
        buffer.writeBytes(DboxRecord.prefix(separator: header.separator))
        buffer.writeBytes(message)
        buffer.writeBytes(DboxRecord.suffix(separator: header.separator, bodySize: message.count, metadata: metadata))
        return buffer
    }

    /// Gives a stored message a second name in another mailbox (a hard link on posix).
    public func copy(_ location: String, to mailbox: GUID128, uid: UInt32) async throws -> String {
        let destination = Self.location(mailbox: mailbox, uid: uid)
        try await fileSystem.copy(from: try FSPath(location), to: try FSPath(destination), mode: .replace)
        return destination
    }

    /// Reads a message back, checking the file's markers and sizes.
    public func read(_ location: String) async throws -> (body: [UInt8], metadata: DboxMetadata) {
        let bytes = Array(try await fileSystem.readAll(try FSPath(location)).readableBytesView)
        let file = try DboxFile(parsing: bytes)
        guard let record = file.records.first, file.damage.isEmpty, file.records.count == 1 else {
            throw file.damage.first ?? DboxCorruption(offset: 0, problem: "single-dbox file \(location) holds no single message")
        }
        return (Array(bytes[record.bodyOffset..<(record.bodyOffset + record.bodySize)]), record.metadata)
    }

    /// Removes a message's file (expunge); a missing file is not an error.
    public func delete(_ location: String) async throws {
        try await fileSystem.delete(try FSPath(location))
    }

    // MARK: - Mailboxes

    private static func descriptorPath(_ mailbox: GUID128) throws -> FSPath {
        try FSPath("\(root)/\(mailbox.hex)/\(MailboxDescriptor.fileName)")
    }

    /// Writes (or replaces) a mailbox's descriptor.
    public func writeDescriptor(_ descriptor: MailboxDescriptor, of mailbox: GUID128) async throws {
        try await fileSystem.write(ByteBuffer(bytes: descriptor.encoded), to: try Self.descriptorPath(mailbox), mode: .replace)
    }

    /// A mailbox's descriptor; `nil` when missing or unreadable.
    public func descriptor(of mailbox: GUID128) async throws -> MailboxDescriptor? {
        guard try await fileSystem.exists(try Self.descriptorPath(mailbox)) else { return nil }
        let bytes = try await fileSystem.readAll(try Self.descriptorPath(mailbox))
        return MailboxDescriptor(parsing: Array(bytes.readableBytesView))
    }

    /// Removes a mailbox's messages and descriptor.
    public func deleteMailbox(_ mailbox: GUID128) async throws {
        let directory = try FSPath("\(Self.root)/\(mailbox.hex)")
        for entry in try await fileSystem.listAll(directory) where entry.kind == .file {
            try await fileSystem.delete(try FSPath("\(Self.root)/\(mailbox.hex)/\(entry.name)"))
        }
    }

    /// The GUIDs of every mailbox directory.
    public func mailboxDirectories() async throws -> [GUID128] {
        try await fileSystem.listAll(try FSPath(Self.root)).compactMap {
            $0.kind == .directory ? GUID128(hex: $0.name) : nil
        }
    }

    /// The UIDs of the message files in a mailbox directory, ascending.
    public func messageUIDs(in mailbox: GUID128) async throws -> [UInt32] {
        try await fileSystem.listAll(try FSPath("\(Self.root)/\(mailbox.hex)"), namePrefix: "u.")
            .compactMap { $0.kind == .file ? Self.uid(fileName: $0.name) : nil }
            .sorted()
    }
}
