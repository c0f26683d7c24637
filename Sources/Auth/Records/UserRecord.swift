/// What a userdb knows about a user: everything later services need to serve them.
///
/// Built from Dovecot-style field names (`uid`, `gid`, `home`, `mail`, `quota_rule`,
/// `mail_replica`, `host`); fields without a dedicated property stay in ``extraFields``
/// as per-user setting overrides.
public struct UserRecord: Sendable, Hashable {
    /// The canonical username (after any `user` field rewrote it).
    public var username: String
    /// System uid, when the userdb gives one.
    public var uid: UInt32?
    /// System gid, when the userdb gives one.
    public var gid: UInt32?
    /// Home directory.
    public var home: String?
    /// Mail location (Dovecot's `mail` field).
    public var mailLocation: String?
    /// Storage quota in bytes (from `quota_rule=*:storage=…`/`*:bytes=…` or `quota_storage_bytes`).
    public var quotaStorageBytes: Int64?
    /// Message count quota (from `quota_rule=*:messages=…` or `quota_messages`).
    public var quotaMessageCount: Int64?
    /// Replication peer (`mail_replica`).
    public var mailReplica: String?
    /// Backend host for the director or a proxy (`host`).
    public var directorHost: String?
    /// Every other field, e.g. per-user setting overrides.
    public var extraFields: [String: String]

    /// Creates a record from its parts.
    public init(
        username: String,
        uid: UInt32? = nil,
        gid: UInt32? = nil,
        home: String? = nil,
        mailLocation: String? = nil,
        quotaStorageBytes: Int64? = nil,
        quotaMessageCount: Int64? = nil,
        mailReplica: String? = nil,
        directorHost: String? = nil,
        extraFields: [String: String] = [:]
    ) {
        self.username = username
        self.uid = uid
        self.gid = gid
        self.home = home
        self.mailLocation = mailLocation
        self.quotaStorageBytes = quotaStorageBytes
        self.quotaMessageCount = quotaMessageCount
        self.mailReplica = mailReplica
        self.directorHost = directorHost
        self.extraFields = extraFields
    }

    /// Builds a record from Dovecot userdb fields.
    /// - Parameters:
    ///   - username: the username looked up; a `user` field replaces it.
    ///   - fields: field name to value, as a userdb returns them (no `userdb_` prefix).
    /// - Throws: ``InvalidUserField`` when `uid`, `gid` or a quota value is not a number.
    public init(username: String, fields: [String: String]) throws {
        var rest = fields
        self.init(username: rest.removeValue(forKey: "user") ?? username)
        if let value = rest.removeValue(forKey: "uid") {
            guard let uid = UInt32(value) else { throw InvalidUserField(user: username, field: "uid", value: value) }
            self.uid = uid
        }
        if let value = rest.removeValue(forKey: "gid") {
            guard let gid = UInt32(value) else { throw InvalidUserField(user: username, field: "gid", value: value) }
            self.gid = gid
        }
        home = rest.removeValue(forKey: "home")
        mailLocation = rest.removeValue(forKey: "mail")
        mailReplica = rest.removeValue(forKey: "mail_replica")
        directorHost = rest.removeValue(forKey: "host")
        // Rules for the whole account (`*:`) become properties; per-mailbox rules stay extra fields.
        for key in ["quota_rule", "quota_rule2"] {
            guard let rule = rest[key], rule.hasPrefix("*:") else { continue }
            guard let parsed = QuotaRule(rule) else { throw InvalidUserField(user: username, field: key, value: rule) }
            quotaStorageBytes = parsed.storageBytes ?? quotaStorageBytes
            quotaMessageCount = parsed.messages ?? quotaMessageCount
            rest.removeValue(forKey: key)
        }
        if let value = rest.removeValue(forKey: "quota_storage_bytes") {
            guard let bytes = Int64(value) else {
                throw InvalidUserField(user: username, field: "quota_storage_bytes", value: value)
            }
            quotaStorageBytes = bytes
        }
        if let value = rest.removeValue(forKey: "quota_messages") {
            guard let count = Int64(value) else {
                throw InvalidUserField(user: username, field: "quota_messages", value: value)
            }
            quotaMessageCount = count
        }
        extraFields = rest
    }
}

extension UserRecord {
    /// The record as userdb fields (for `columba auth lookup` output); `init(username:fields:)`
    /// reads them back. Quotas are written as `quota_storage_bytes` and `quota_messages`.
    public var fields: [String: String] {
        var out = extraFields
        out["uid"] = uid.map { String($0) }
        out["gid"] = gid.map { String($0) }
        out["home"] = home
        out["mail"] = mailLocation
        out["quota_storage_bytes"] = quotaStorageBytes.map { String($0) }
        out["quota_messages"] = quotaMessageCount.map { String($0) }
        out["mail_replica"] = mailReplica
        out["host"] = directorHost
        return out
    }

    /// This record with every field `other` sets replaced by `other`'s value.
    func overridden(by other: UserRecord) -> UserRecord {
        var merged = self
        merged.username = other.username
        merged.uid = other.uid ?? uid
        merged.gid = other.gid ?? gid
        merged.home = other.home ?? home
        merged.mailLocation = other.mailLocation ?? mailLocation
        merged.quotaStorageBytes = other.quotaStorageBytes ?? quotaStorageBytes
        merged.quotaMessageCount = other.quotaMessageCount ?? quotaMessageCount
        merged.mailReplica = other.mailReplica ?? mailReplica
        merged.directorHost = other.directorHost ?? directorHost
        merged.extraFields.merge(other.extraFields) { _, new in new }
        return merged
    }
}
