import Testing

@testable import IMAPServer

@Suite("MailboxListing")
struct MailboxListingTests {
    private let listing = MailboxListing([
        ListedMailbox(name: "INBOX", specialUse: [], subscribed: true),
        ListedMailbox(name: "Lists/swift", specialUse: [], subscribed: true),
        ListedMailbox(name: "Lists/swift/nio", specialUse: [], subscribed: false),
        ListedMailbox(name: "Sent", specialUse: ["\\Sent"], subscribed: false),
    ])

    private func lines(_ entries: [MailboxListing.Entry]) -> [String] {
        entries.map { entry in
            "(\(entry.attributes.joined(separator: " "))) \(entry.name)" + (entry.childInfo.isEmpty ? "" : " \(entry.childInfo)")
        }
    }

    private func pattern(_ text: String) -> MailboxPattern { MailboxPattern(reference: "", pattern: text)! }

    @Test("implied parents: \\Noselect in plain LIST, \\NonExistent in extended LIST")
    func impliedParents() {
        #expect(lines(listing.list(patterns: [pattern("%")], selection: .init())) == [
            "(\\HasNoChildren) INBOX", "(\\Noselect \\HasChildren) Lists", "(\\HasNoChildren \\Sent) Sent",
        ])
        var extended = MailboxListing.Selection()
        extended.extended = true
        #expect(lines(listing.list(patterns: [pattern("Lists")], selection: extended)) == ["(\\NonExistent \\HasChildren) Lists"])
    }

    @Test("SUBSCRIBED with and without RECURSIVEMATCH")
    func subscribed() {
        var selection = MailboxListing.Selection()
        selection.subscribedOnly = true
        selection.returnSubscribed = true
        #expect(lines(listing.list(patterns: [pattern("*")], selection: selection)) == [
            "(\\HasNoChildren \\Subscribed) INBOX", "(\\HasChildren \\Subscribed) Lists/swift",
        ])
        selection.recursiveMatch = true
        #expect(lines(listing.list(patterns: [pattern("%")], selection: selection)) == [
            "(\\HasNoChildren \\Subscribed) INBOX", "(\\Noselect \\HasChildren) Lists [\"SUBSCRIBED\"]",
        ])
    }

    @Test("SPECIAL-USE selection")
    func specialUse() {
        var selection = MailboxListing.Selection()
        selection.specialUseOnly = true
        #expect(lines(listing.list(patterns: [pattern("*")], selection: selection)) == ["(\\HasNoChildren \\Sent) Sent"])
    }

    @Test("LSUB: a parent only reached by % is \\Noselect")
    func lsub() {
        #expect(lines(listing.lsub(pattern: pattern("*"))) == ["() INBOX", "() Lists/swift"])
        #expect(lines(listing.lsub(pattern: pattern("%"))) == ["() INBOX", "(\\Noselect) Lists"])
        #expect(lines(listing.lsub(pattern: pattern("Lists/%"))) == ["() Lists/swift"])
    }
}
