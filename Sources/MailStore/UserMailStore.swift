import FS
import Foundation
import MailMessage

/// One user's mail: the index and the message bodies below the user's home.
///
/// A save writes and commits the body first, then adds it to the index, so an acknowledged
/// message is on stable storage; a crash in between leaves only a file the index does not list.
/// INBOX is created on first use, safely when many sessions of a new user arrive at once.
public final class UserMailStore: Sendable {
    public let index: MailIndex
    private let bodies: SingleDboxStore
    private let clock: @Sendable () -> Int64

    /// Opens (creating when missing) the store in `home`.
    /// - Parameter fileSystem: where bodies live, rooted at the home; posix by default.
    public static func open(home: String, fileSystem: (any FileSystem)? = nil) async throws -> UserMailStore {
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let bodies: any FileSystem
        if let fileSystem {
            bodies = fileSystem
        } else {
            bodies = try await PosixFileSystem.open(root: home)
        }
        return UserMailStore(index: try MailIndex(path: home + "/index.db"), fileSystem: bodies)
    }

    init(index: MailIndex, fileSystem: any FileSystem, clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.index = index
        self.bodies = SingleDboxStore(fileSystem: fileSystem)
        self.clock = clock
    }

    /// Stores a message and returns its UID.
    /// - Parameter internalDate: seconds since 1970; now when `nil`.
    public func save(
        _ message: [UInt8],
        to mailboxName: String = "INBOX",
        flags: FlagSet = FlagSet(),
        internalDate: Int64? = nil
    ) async throws -> UInt32 {
        let mailbox = try await mailbox(named: mailboxName)
        let guid = GUID128.random()
        let received = internalDate ?? clock()
        let virtualSize = PartSize.measure(message, 0..<message.count).virtualSize
        let metadata = DboxMetadata(guid: guid.hex, received: received, virtualSize: Int64(virtualSize),
                                    originalMailbox: mailbox.guid.hex)
        let location = try await bodies.save(message, mailbox: mailbox.guid, metadata: metadata, created: clock())
        let entry = NewMessage(guid: guid, flags: flags, internalDate: received, physicalSize: Int64(message.count),
                               virtualSize: Int64(virtualSize), bodyLocation: location)
        return try await index.append([entry], to: mailboxName)[0]
    }

    /// The stored bytes of a message.
    public func body(of uid: UInt32, in mailbox: String = "INBOX") async throws -> [UInt8] {
        guard let record = try await index.messages(in: mailbox, uids: uid...uid).first else {
            throw MailIndexError(kind: .messageNotFound, mailbox: "\(mailbox) UID \(uid)")
        }
        return try await bodies.read(record.bodyLocation).body
    }

    /// The mailbox called `name`; INBOX is created when missing.
    private func mailbox(named name: String) async throws -> MailboxRecord {
        if let existing = try await index.mailbox(named: name) { return existing }
        guard name == "INBOX" else { throw MailIndexError(kind: .mailboxNotFound, mailbox: name) }
        do {
            return try await index.createMailbox(named: name)
        } catch let error as MailIndexError where error.kind == .mailboxExists {
            // Another session created it first.
            guard let created = try await index.mailbox(named: name) else { throw error }
            return created
        }
    }
}
