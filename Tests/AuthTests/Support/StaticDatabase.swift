import Synchronization

@testable import Auth

/// An in-memory passdb/userdb that counts lookups and can be told to fail.
final class StaticDatabase: PassDB, UserDB {
    struct Broken: Error {}

    private let state: Mutex<(entries: [String: PassDBEntry], lookups: Int, broken: Bool)>

    init(_ entries: [PassDBEntry]) {
        state = Mutex((Dictionary(uniqueKeysWithValues: entries.map { ($0.username, $0) }), 0, false))
    }

    var lookups: Int { state.withLock { $0.lookups } }

    func set(_ entry: PassDBEntry) { state.withLock { $0.entries[entry.username] = entry } }

    func setBroken(_ broken: Bool) { state.withLock { $0.broken = broken } }

    func lookupPassword(_ request: LookupRequest) async throws -> PassDBEntry? {
        try state.withLock {
            $0.lookups += 1
            if $0.broken { throw Broken() }
            return $0.entries[request.username]
        }
    }

    func lookupUser(_ request: LookupRequest) async throws -> UserRecord? {
        guard let entry = try await lookupPassword(request) else { return nil }
        return try UserRecord(username: entry.username, fields: entry.userdbFields)
    }

    func listUsers() async throws -> [String] { state.withLock { $0.entries.keys.sorted() } }
}
