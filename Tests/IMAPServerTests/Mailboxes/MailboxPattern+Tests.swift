import Testing

@testable import IMAPServer

@Suite("MailboxPattern")
struct MailboxPatternTests {
    @Test("wildcards and INBOX", arguments: [
        ("", "*", "INBOX", true),
        ("", "*", "a/b/c", true),
        ("", "%", "a", true),
        ("", "%", "a/b", false),
        ("", "a/%", "a/b", true),
        ("", "a/%", "a/b/c", false),
        ("", "a/*", "a/b/c", true),
        ("", "a*c", "a/b/c", true),
        ("", "a%c", "a/b/c", false),
        ("", "a%c", "abc", true),
        ("", "%/%", "a/b", true),
        ("", "inbox", "INBOX", true),
        ("", "Inbox/%", "INBOX/Sub", true),
        ("", "inboxes", "INBOXES", false),
        ("a/", "%", "a/b", true),
        ("a/", "%", "b", false),
        ("a/", "/b", "/b", true),
        ("", "**%*%", "x/y", true),
        ("", "Entw*", "Entwürfe", true),
        ("", "Entwü%", "Entwürfe", true),
        ("", "x", "X", false),
    ])
    func matches(reference: String, pattern: String, name: String, expected: Bool) throws {
        let compiled = try #require(MailboxPattern(reference: reference, pattern: pattern))
        #expect(compiled.matches(name) == expected)
    }

    @Test("a pattern over the length limit is refused")
    func tooLong() {
        #expect(MailboxPattern(reference: "", pattern: String(repeating: "a", count: MailboxPattern.maximumLength + 1)) == nil)
        #expect(MailboxPattern(reference: "", pattern: String(repeating: "a", count: MailboxPattern.maximumLength)) != nil)
    }
}
