import IMAPGrammar
import Logging

/// ID (RFC 2971), valid in every state.
extension IMAPSession {
    /// RFC 2971 §3.3: at most 30 fields, keys of at most 30 octets, values of at most 1024.
    static let maximumIDFields = 30
    static let maximumIDKeyLength = 30
    static let maximumIDValueLength = 1024

    mutating func id(tag: String, fields: [IDField]?) async throws -> Next {
        let fields = fields ?? []
        guard fields.count <= Self.maximumIDFields,
            fields.allSatisfy({ $0.key.utf8.count <= Self.maximumIDKeyLength && ($0.value?.utf8.count ?? 0) <= Self.maximumIDValueLength })
        else {
            return try await invalid(tag: tag, "ID allows 30 fields, keys of 30 octets and values of 1024.")
        }
        if !fields.isEmpty {
            let described = fields.map { "\($0.key)=\($0.value ?? "NIL")" }.joined(separator: " ")
            logger.debug("client ID", metadata: ["client-id": "\(described)"])
        }
        try await send(.untagged(.id([IDField("name", "Columba")])))
        try await send(tag, .ok("ID completed."))
        return .continue
    }
}
