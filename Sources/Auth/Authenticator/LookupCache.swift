/// A TTL cache for passdb/userdb answers and password verification results. I/O-free:
/// the caller passes the time.
struct LookupCache<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var value: Value?
        var expires: Duration
    }

    let policy: CachePolicy
    private var entries: [String: Entry] = [:]

    init(policy: CachePolicy) {
        self.policy = policy
    }

    /// `.some(value)` for a fresh hit (where `value` is `nil` for a cached negative), `nil` for a miss.
    func lookup(_ key: String, now: Duration) -> Value?? {
        guard let entry = entries[key], entry.expires > now else { return nil }
        return .some(entry.value)
    }

    mutating func store(_ value: Value?, for key: String, now: Duration) {
        let ttl = value == nil ? policy.negativeTTL : policy.ttl
        guard ttl > .zero else { return }
        if entries.count >= policy.maximumEntries {
            entries = entries.filter { $0.value.expires > now }
            if entries.count >= policy.maximumEntries { entries.removeAll() }
        }
        entries[key] = Entry(value: value, expires: now + ttl)
    }

    mutating func removeAll() {
        entries.removeAll()
    }
}
