import IMAPGrammar
import MailStore

/// QUOTA (RFC 9208) with the STORAGE and MESSAGE resources: one quota root, `""`, for all of the
/// user's mailboxes, with the limits of the userdb's quota rule. Limits are the
/// administrator's, so SETQUOTA is refused.
extension IMAPSession {
    /// The name of the user's one quota root.
    static let quotaRoot = ""

    mutating func getQuotaRoot(tag: String, name: MailboxName, in mailboxes: MailStoreAdapter) async throws -> Next {
        do {
            guard try await mailboxes.exists(Self.storeName(name)) else {
                try await send(tag, .no("Mailbox does not exist.", code: .nonexistent))
                return .continue
            }
            let usage = try await quotaResources(in: mailboxes)
            try await send(.quotaRoot(name, roots: usage.isEmpty ? [] : [Self.quotaRoot]))
            if !usage.isEmpty { try await send(.quota(root: Self.quotaRoot, usage)) }
        } catch {
            return try await storeFailure(tag: tag, error)
        }
        try await send(tag, .ok("GETQUOTAROOT completed."))
        return .continue
    }

    mutating func getQuota(tag: String, root: String, in mailboxes: MailStoreAdapter) async throws -> Next {
        do {
            let usage = try await quotaResources(in: mailboxes)
            guard root == Self.quotaRoot, !usage.isEmpty else {
                try await send(tag, .no("No such quota root.", code: .nonexistent))
                return .continue
            }
            try await send(.quota(root: Self.quotaRoot, usage))
        } catch {
            return try await storeFailure(tag: tag, error)
        }
        try await send(tag, .ok("GETQUOTA completed."))
        return .continue
    }

    /// The limited resources with their usage: STORAGE in units of 1024 octets, rounded up
    /// (RFC 9208 §5.1), MESSAGE in messages.
    private func quotaResources(in mailboxes: MailStoreAdapter) async throws -> [IMAPGrammar.QuotaUsage] {
        let limits = mailboxes.quota
        guard limits.storageBytes != nil || limits.messages != nil else { return [] }
        let used = try await mailboxes.quotaUsage()
        var resources: [IMAPGrammar.QuotaUsage] = []
        if let bytes = limits.storageBytes {
            resources.append(IMAPGrammar.QuotaUsage(
                resource: "STORAGE", usage: UInt64(max(used.storageBytes, 0) + 1023) / 1024, limit: UInt64(max(bytes, 0)) / 1024
            ))
        }
        if let messages = limits.messages {
            resources.append(IMAPGrammar.QuotaUsage(resource: "MESSAGE", usage: UInt64(max(used.messages, 0)), limit: UInt64(max(messages, 0))))
        }
        return resources
    }
}
