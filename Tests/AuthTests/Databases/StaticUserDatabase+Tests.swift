import Testing

@testable import Auth

@Suite("StaticUserDatabase")
struct StaticUserDatabaseTests {
    @Test("the home template expands %u, %n, %d and %%", arguments: [
        ("/var/mail/%d/%n", "alice@example.org", "/var/mail/example.org/alice"),
        ("/home/%u", "bob", "/home/bob"),
        ("/m/%d/%n/100%%/%x%", "carol@example.net", "/m/example.net/carol/100%/%x%"),
    ])
    func expansion(template: String, user: String, home: String) async throws {
        let database = StaticUserDatabase(homeTemplate: template)
        let record = try await database.lookupUser(LookupRequest(username: user, service: "imap"))
        #expect(record?.home == home)
        #expect(record?.username == user)
    }
}
