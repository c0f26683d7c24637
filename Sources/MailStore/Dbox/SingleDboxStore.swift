import FS
import NIOCore

/// Message bodies as single-dbox files: one dbox file per message, through the FS API.
///
/// A file is named by the message GUID below its mailbox's GUID, `mailboxes/<mailbox>/<message>`,
/// not by UID as Dovecot's `u.<uid>`: the body is written and committed before the index hands
/// out the UID, so saving needs no rename afterwards (a rename is a copy on object storage), and
/// a crash between the two leaves a file the index does not know yet, which a rebuild adopts.
public struct SingleDboxStore: Sendable {
    private let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem) {
        self.fileSystem = fileSystem
    }

    /// Where a message's file lives.
    public static func location(mailbox: GUID128, message: GUID128) -> String {
        "mailboxes/\(mailbox.hex)/\(message.hex)"
    }

    /// Writes one message as a new dbox file and commits it (durable when this returns, under
    /// the file system's fsync policy). Fails if the file exists.
    public func save(
        _ message: [UInt8],
        mailbox: GUID128,
        metadata: DboxMetadata,
        created: Int64
    ) async throws -> String {
        guard let guid = GUID128(hex: metadata.guid) else {
            throw DboxCorruption(offset: 0, problem: "message GUID \(metadata.guid) is not 32 hex digits")
        }
        let location = Self.location(mailbox: mailbox, message: guid)
        let header = DboxFileHeader(created: created)
        let writer = try await fileSystem.createWriter(try FSPath(location), mode: .failIfExists, metadata: FSMetadata())
        do {
            var buffer = ByteBuffer()
            buffer.writeBytes(header.encoded)
            buffer.writeBytes(DboxRecord.prefix(separator: header.separator))
            buffer.writeBytes(message)
            buffer.writeBytes(DboxRecord.suffix(separator: header.separator, bodySize: message.count, metadata: metadata))
            try await writer.write(buffer)
            try await writer.commit()
        } catch {
            await writer.rollback()
            throw error
        }
        return location
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
}
