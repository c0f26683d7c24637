/// A user's quota (RFC 9208 resources STORAGE and MESSAGE), from the userdb.
public struct QuotaLimits: Hashable, Sendable {
    /// The most bytes the user's messages may take, counted as stored (each copy counts).
    public var storageBytes: Int64?
    /// The most messages the user may have, over all mailboxes.
    public var messages: Int64?

    public init(storageBytes: Int64? = nil, messages: Int64? = nil) {
        self.storageBytes = storageBytes
        self.messages = messages
    }
}

/// What a user's mail takes now.
public struct QuotaUsage: Hashable, Sendable {
    public var storageBytes: Int64
    public var messages: Int64
}

/// A save, copy or move refused because it would go over the user's quota. The store is
/// unchanged.
public struct QuotaExceeded: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Resource: String, Hashable, Sendable {
        case storage = "STORAGE"
        case messages = "MESSAGE"
    }

    public var resource: Resource
    public var limit: Int64
    public var usage: Int64
    /// What the refused operation would have added.
    public var adding: Int64

    public var description: String {
        switch resource {
        case .storage: "Quota exceeded: \(usage + adding) bytes would pass the limit of \(limit) bytes"
        case .messages: "Quota exceeded: \(usage + adding) messages would pass the limit of \(limit) messages"
        }
    }

    /// Throws when adding `messages` messages of `bytes` bytes to `usage` passes `limits`.
    static func check(_ limits: QuotaLimits, usage: QuotaUsage, addingMessages messages: Int64, bytes: Int64) throws(QuotaExceeded) {
        if let limit = limits.messages, messages > 0, usage.messages + messages > limit {
            throw QuotaExceeded(resource: .messages, limit: limit, usage: usage.messages, adding: messages)
        }
        if let limit = limits.storageBytes, bytes > 0, usage.storageBytes + bytes > limit {
            throw QuotaExceeded(resource: .storage, limit: limit, usage: usage.storageBytes, adding: bytes)
        }
    }
}
