import Foundation
import Testing

@testable import MailStore

@Suite("Search and sort")
struct SearchTests {
    /// Five messages whose expected matches are worked out by hand below.
    private static func fixture(_ format: MailStorageFormat) async throws -> UserMailStore {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("columba-search-\(UUID().uuidString)").path
        let store = try await UserMailStore.open(home: home, format: format)
        let messages: [(String, FlagSet, Int64)] = [
            // UID 1: received 2024-03-01 10:00 UTC
            ("From: Alice <alice@example.org>\r\nTo: bob@example.net\r\nSubject: Re: Quarterly report\r\nDate: Thu, 29 Feb 2024 23:30:00 -0800\r\n\r\nNumbers attached.\r\n",
             FlagSet(system: [.seen, .answered]), 1_709_287_200),
            // UID 2: received 2024-03-02 00:00 UTC
            ("From: \"Zed\" <zed@example.com>\r\nTo: Carol <carol@example.org>\r\nCc: alice@example.org\r\nSubject: =?UTF-8?Q?Caf=C3=A9?= plans\r\nDate: Sat, 2 Mar 2024 09:00:00 +0000\r\n\r\nLet's meet at the caf\u{e9}.\r\n",
             FlagSet(system: .flagged, keywords: ["$Work"]), 1_709_337_600),
            // UID 3: received 2024-03-05 12:00 UTC, no Date header, base64 body
            ("From: bob@example.net\r\nTo: alice@example.org\r\nSubject: quarterly REPORT\r\nContent-Transfer-Encoding: base64\r\n\r\nU2VjcmV0IGdhcmRlbg==\r\n",
             FlagSet(system: .deleted), 1_709_640_000),
            // UID 4: received 2024-03-05 23:59 UTC, large
            ("From: carol@example.org\r\nTo: bob@example.net\r\nSubject: Big\r\nDate: Tue, 5 Mar 2024 08:00:00 +0100\r\nX-Spam: yes\r\n\r\n" + String(repeating: "x", count: 5000) + "\r\n",
             FlagSet(system: [.seen, .draft]), 1_709_683_140),
            // UID 5: received 2024-03-10
            ("From: dave@example.com\r\nSubject: Fwd: [list] Big\r\nDate: Sun, 10 Mar 2024 10:00:00 +0000\r\n\r\nplain\r\n",
             FlagSet(keywords: ["$work"]), 1_710_064_800),
        ]
        for (text, flags, date) in messages {
            _ = try await store.save(Array(text.utf8), flags: flags, internalDate: date)
        }
        return store
    }

    @Test("every search key, against matches worked out by hand", arguments: MailStorageFormat.allCases)
    func keys(format: MailStorageFormat) async throws {
        let store = try await Self.fixture(format)
        let march5 = DayDate(year: 2024, month: 3, day: 5)
        let table: [(SearchQuery, [UInt32])] = [
            (.all, [1, 2, 3, 4, 5]),
            (.flagged(.seen), [1, 4]),
            (.notFlagged(.seen), [2, 3, 5]),
            (.flagged([.seen, .answered]), [1]),
            (.flagged(.deleted), [3]),
            (.keyword("$WORK"), [2, 5]),
            (.unkeyword("$Work"), [1, 3, 4]),
            (.uids([2...3, 5...9]), [2, 3, 5]),
            (.header("From", "ALICE"), [1]),
            (.header("Cc", "alice"), [2]),
            (.header("To", "bob@example.net"), [1, 4]),
            (.header("Subject", "café"), [2]),
            (.header("Subject", "quarterly report"), [1, 3]),
            (.header("X-Spam", ""), [4]),
            (.body("secret garden"), [3]),
            (.body("Alice"), []),
            (.text("alice"), [1, 2, 3]),
            (.text("CAFÉ"), [2]),
            (.receivedBefore(DayDate(year: 2024, month: 3, day: 2)), [1]),
            (.receivedOn(DayDate(year: 2024, month: 3, day: 2)), [2]),
            (.receivedOn(march5), [3, 4]),
            (.receivedSince(march5), [3, 4, 5]),
            // Sent dates use the header's own day (29 Feb for UID 1), INTERNALDATE without one.
            (.sentOn(DayDate(year: 2024, month: 2, day: 29)), [1]),
            (.sentOn(march5), [3, 4]),
            (.sentBefore(DayDate(year: 2024, month: 3, day: 1)), [1]),
            (.sentSince(march5), [3, 4, 5]),
            (.larger(5000), [4]),
            // Sizes: 1 = 145, 2 = 189, 3 = 132, 4 = 5115, 5 = 98 bytes.
            (.smaller(98), []),
            (.smaller(99), [5]),
            (.larger(145), [2, 4]),
            (.not(.larger(145)), [1, 3, 5]),
            (.or(.flagged(.draft), .keyword("$work")), [2, 4, 5]),
            (.and([.flagged(.seen), .header("Subject", "big")]), [4]),
            (.and([.notFlagged(.deleted), .header("Subject", "report")]), [1]),
            (.not(.or(.header("From", "example.com"), .flagged(.seen))), [3]),
            (.older(seconds: 0), [1, 2, 3, 4, 5]),
            (.younger(seconds: 60), []),
        ]
        for (query, expected) in table {
            let found = try await store.search(in: "INBOX", query)
            #expect(found == expected, "\(query)")
        }
        let messages = try await store.messages(in: "INBOX")
        #expect(try await store.search(in: "INBOX", .emailID(messages[3].guid.hex.uppercased())) == [4])
        #expect(try await store.search(in: "INBOX", .modseq(messages[4].modseq)) == [5])
        #expect(try await store.search(in: "INBOX", .all, within: [2...3]) == [2, 3])
    }

    @Test("sort keys, reverse, and ties broken by UID (RFC 5256, RFC 5957)", arguments: MailStorageFormat.allCases)
    func sorting(format: MailStorageFormat) async throws {
        let store = try await Self.fixture(format)
        let table: [([SortKey], [UInt32])] = [
            ([SortKey(.arrival)], [1, 2, 3, 4, 5]),
            ([SortKey(.arrival, reverse: true)], [5, 4, 3, 2, 1]),
            // Date: 1 = 1 Mar 07:30 UTC, 2 = 2 Mar 09:00, 3 = internal 5 Mar 12:00, 4 = 5 Mar 07:00, 5 = 10 Mar.
            ([SortKey(.date)], [1, 2, 4, 3, 5]),
            ([SortKey(.size, reverse: true), SortKey(.arrival)], [4, 2, 1, 3, 5]),
            // Base subjects: "quarterly report" x2, "café plans", "big" x2.
            ([SortKey(.subject)], [4, 5, 2, 1, 3]),
            ([SortKey(.subject), SortKey(.arrival, reverse: true)], [5, 4, 2, 3, 1]),
            // From local parts: alice, zed, bob, carol, dave.
            ([SortKey(.from)], [1, 3, 4, 5, 2]),
            // Display names: "alice", "zed", then addresses.
            ([SortKey(.displayFrom)], [1, 3, 4, 5, 2]),
            // To: bob, carol, alice, bob, none (sorts first).
            ([SortKey(.to)], [5, 3, 1, 4, 2]),
            ([SortKey(.cc)], [1, 3, 4, 5, 2]),
        ]
        for (keys, expected) in table {
            let sorted = try await store.sort(in: "INBOX", by: keys, .all)
            #expect(sorted == expected, "\(keys)")
        }
        #expect(try await store.sort(in: "INBOX", by: [SortKey(.subject)], .notFlagged(.deleted)) == [4, 5, 2, 1])
    }

    @Test("day arithmetic: calendar days and moments agree, before 1970 too")
    func days() {
        #expect(DayDate(year: 1970, month: 1, day: 1).daysSince1970 == 0)
        #expect(DayDate(year: 2024, month: 3, day: 1).daysSince1970 == 19_783)
        #expect(DayDate(year: 2000, month: 2, day: 29) == DayDate(secondsSince1970: 951_782_400 + 86_399))
        #expect(DayDate(year: 1969, month: 12, day: 31) == DayDate(secondsSince1970: -1))
        #expect(DayDate(secondsSince1970: 1_709_254_800, offsetMinutes: -480) == DayDate(year: 2024, month: 2, day: 29))
    }
}
