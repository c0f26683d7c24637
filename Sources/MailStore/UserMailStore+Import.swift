extension UserMailStore {
    /// Prepares a mailbox to receive imported mail, creating it when missing. A mailbox that
    /// never held a message takes `uidValidity`, and the import can keep the source's UIDs.
    /// - Returns: whether the source's UIDs (and UIDVALIDITY) are kept; pass it to ``importBatch(_:into:keepingUIDs:)``.
    public func beginImport(into name: String, uidValidity: UInt32?) async throws -> Bool {
        let name = Self.canonicalName(name)
        var mailbox: MailboxRecord
        if let existing = try await index.mailbox(named: name) {
            mailbox = existing
        } else if name == "INBOX" {
            mailbox = try await self.mailbox(named: name)
        } else {
            mailbox = try await createMailbox(named: name)
        }
        guard let uidValidity else { return false }
        if mailbox.uidValidity != uidValidity {
            guard try await index.adoptUIDValidity(uidValidity, mailbox: name) else { return false }
            mailbox = try await self.mailbox(named: name)
            try await writeDescriptor(of: mailbox)
        }
        return try await index.messages(in: name, uidRanges: [1...UInt32.max]).isEmpty && mailbox.uidNext == 1
    }

    /// Imports one batch of messages, ordered by their source UIDs (those without one last):
    /// under their own UIDs when `keepingUIDs` and each is still free, else under new ones.
    public func importBatch(_ messages: [ImportedMessage], into name: String, keepingUIDs: Bool) async throws {
        let wanted = messages.map(\.uid)
        _ = try await write(messages.map(\.message), to: Self.canonicalName(name)) { current in
            var next = current.uidNext
            return wanted.map { uid in
                if keepingUIDs, let uid, uid >= next {
                    next = uid + 1
                    return uid
                }
                defer { next += 1 }
                return next
            }
        }
    }

    /// Ends an import that kept UIDs: UIDNEXT becomes at least the source's next UID, so UIDs
    /// the source had already used (and expunged) are never given again.
    public func finishImport(into name: String, nextUID: UInt32) async throws {
        try await index.raiseUIDNext(to: nextUID, mailbox: Self.canonicalName(name))
    }
}
