import IMAPGrammar
import MailStore

/// STATUS (RFC 9051 §6.3.11, RFC 8438 SIZE, RFC 7162 HIGHESTMODSEQ, RFC 7889 APPENDLIMIT).
extension IMAPSession {
    mutating func status(tag: String, name: MailboxName, attributes: [StatusAttribute], in mailboxes: MailStoreAdapter) async throws -> Next {
        if let unsupported = Self.unsupportedStatusAttribute(in: attributes) {
            return try await invalid(tag: tag, "Unsupported STATUS attribute \(unsupported).")
        }
        let counts: MailboxStatus
        do {
            counts = try await mailboxes.status(Self.storeName(name))
        } catch {
            return try await storeFailure(tag: tag, error)
        }
        try await send(.status(name, statusValues(attributes, counts)))
        try await send(tag, .ok("STATUS completed."))
        return .continue
    }

    /// MAILBOXID needs OBJECTID (RFC 8474), which is not offered.
    static func unsupportedStatusAttribute(in attributes: [StatusAttribute]) -> String? {
        attributes.first { $0 == .mailboxID }?.rawValue
    }

    /// The values of `attributes`, in the order asked. RECENT counts the messages no session
    /// has selected yet, which the next SELECT will see as `\Recent`.
    func statusValues(_ attributes: [StatusAttribute], _ counts: MailboxStatus) -> [(StatusAttribute, UInt64)] {
        attributes.map { attribute in
            let value: UInt64
            switch attribute {
            case .messages: value = UInt64(counts.messages)
            case .recent: value = UInt64(counts.recent)
            case .uidNext: value = UInt64(counts.uidNext)
            case .uidValidity: value = UInt64(counts.uidValidity)
            case .unseen: value = UInt64(counts.unseen)
            case .deleted: value = UInt64(counts.deleted)
            case .size: value = UInt64(counts.size)
            case .highestModSeq: value = counts.highestModseq
            case .appendLimit: value = settings.maximumMessageSize
            case .mailboxID: preconditionFailure("refused before reading the store")
            }
            return (attribute, value)
        }
    }
}
