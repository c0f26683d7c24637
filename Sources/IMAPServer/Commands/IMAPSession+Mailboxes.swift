import IMAPGrammar
import Logging
import MailStore

/// CREATE (with RFC 6154 USE), DELETE, RENAME, SUBSCRIBE and UNSUBSCRIBE (RFC 9051 §6.3.4–6.3.8).
extension IMAPSession {
    /// The special-use attributes CREATE accepts (RFC 6154 §2).
    static let specialUses: Set<String> = ["\\All", "\\Archive", "\\Drafts", "\\Flagged", "\\Junk", "\\Sent", "\\Trash"]

    /// Creates the mailbox and any missing parents (RFC 9051 §6.3.4); a trailing separator
    /// only says the name will hold children.
    mutating func create(tag: String, name: MailboxName, specialUse: [String], in mailboxes: MailStoreAdapter) async throws -> Next {
        var name = Self.storeName(name)
        while name.hasSuffix("/") { name.removeLast() }
        let uses = Set(specialUse.map { use in Self.specialUses.first { $0.lowercased() == use.lowercased() } ?? use })
        if let unknown = uses.subtracting(Self.specialUses).sorted().first {
            try await send(tag, .no("Unknown special use \(unknown).", code: .useAttribute))
            return .continue
        }
        guard name != "INBOX" else {
            try await send(tag, .no("INBOX always exists.", code: .alreadyExists))
            return .continue
        }
        do {
            if try await mailboxes.exists(name) {
                try await send(tag, .no("Mailbox already exists.", code: .alreadyExists))
                return .continue
            }
            // The mailbox first: the store checks the name before any parent is made.
            try await mailboxes.create(name, specialUse: uses)
            var levels = name.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            while !levels.isEmpty {
                let parent = levels.joined(separator: "/")
                if try await !(mailboxes.exists(parent)) {
                    try await createIgnoringRace(parent, specialUse: [], in: mailboxes)
                }
                levels.removeLast()
            }
        } catch {
            return try await storeFailure(tag: tag, error)
        }
        try await send(tag, .ok("CREATE completed."))
        return .continue
    }

    /// DELETE: the mailbox and its messages; mailboxes below it stay (RFC 9051 §6.3.5).
    mutating func delete(tag: String, name: MailboxName, in mailboxes: MailStoreAdapter) async throws -> Next {
        let name = Self.storeName(name)
        guard name != "INBOX" else {
            try await send(tag, .no("INBOX cannot be deleted.", code: .cannot))
            return .continue
        }
        do {
            try await mailboxes.delete(name)
        } catch {
            return try await storeFailure(tag: tag, error)
        }
        try await send(tag, .ok("DELETE completed."))
        return .continue
    }

    /// RENAME, children included (RFC 9051 §6.3.6).
    mutating func rename(tag: String, from: MailboxName, to: MailboxName, in mailboxes: MailStoreAdapter) async throws -> Next {
        let old = Self.storeName(from)
        var new = Self.storeName(to)
        while new.hasSuffix("/") { new.removeLast() }
        guard new != "INBOX" else {
            try await send(tag, .no("INBOX already exists.", code: .alreadyExists))
            return .continue
        }
        // Renaming INBOX moves its messages into the new mailbox and leaves INBOX empty, so INBOX
        // may even be renamed below itself (RFC 9051 §6.3.6).
        guard old == "INBOX" || !new.hasPrefix(old + "/") else {
            try await send(tag, .no("A mailbox cannot be moved below itself.", code: .cannot))
            return .continue
        }
        do {
            try await mailboxes.rename(old, to: new)
        } catch {
            return try await storeFailure(tag: tag, error)
        }
        try await send(tag, .ok("RENAME completed."))
        return .continue
    }

    mutating func subscribe(tag: String, name: MailboxName, subscribed: Bool, in mailboxes: MailStoreAdapter) async throws -> Next {
        do {
            try await mailboxes.setSubscribed(subscribed, Self.storeName(name))
        } catch {
            return try await storeFailure(tag: tag, error)
        }
        try await send(tag, .ok(subscribed ? "SUBSCRIBE completed." : "UNSUBSCRIBE completed."))
        return .continue
    }

    /// The store's spelling of a mailbox name: INBOX upper-cased as a first level too.
    static func storeName(_ name: MailboxName) -> String {
        MailboxPattern.canonicalInbox(name.name)
    }

    /// Creates a parent another session may be creating at the same moment.
    private func createIgnoringRace(_ name: String, specialUse: Set<String>, in mailboxes: MailStoreAdapter) async throws {
        do {
            try await mailboxes.create(name, specialUse: specialUse)
        } catch let error as MailIndexError where error.kind == .mailboxExists {
            return
        }
    }

    /// Answers a store error: NO with the response code the failure means (RFC 5530).
    mutating func storeFailure(tag: String, _ error: any Error) async throws -> Next {
        if let error = error as? QuotaExceeded {
            try await send(tag, .no("\(error).", code: .overQuota))
            return .continue
        }
        guard let error = error as? MailIndexError else {
            logger.error("mail store failure", metadata: ["error": "\(error)"])
            try await send(tag, .no("Internal error, try again later.", code: .serverBug))
            return .continue
        }
        switch error.kind {
        case .mailboxNotFound: try await send(tag, .no("Mailbox does not exist.", code: .nonexistent))
        case .mailboxExists: try await send(tag, .no("Mailbox already exists.", code: .alreadyExists))
        case .invalidName: try await send(tag, .no("Invalid mailbox name.", code: .cannot))
        case .messageNotFound: try await send(tag, .no("No such message.", code: .nonexistent))
        case .inboxNotDeletable: try await send(tag, .no("INBOX cannot be deleted.", code: .cannot))
        case .uidOutOfOrder:
            logger.error("mail store failure", metadata: ["error": "\(error)"])
            try await send(tag, .no("Internal error, try again later.", code: .serverBug))
        }
        return .continue
    }
}
