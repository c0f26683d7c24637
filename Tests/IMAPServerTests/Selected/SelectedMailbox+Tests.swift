import IMAPGrammar
import Testing

@testable import IMAPServer
@testable import MailStore

/// The session's view of a mailbox, without a server: numbering, sets, and how changes become
/// untagged responses.
@Suite("SelectedMailbox")
struct SelectedMailboxTests {
    static let guid = GUID128.random()

    static func view(_ uids: [UInt32], firstRecent: UInt32 = .max, modseq: UInt64 = 10, readOnly: Bool = false) -> SelectedMailbox {
        let mailbox = MailboxRecord(name: "INBOX", guid: guid, uidValidity: 7, uidNext: (uids.last ?? 0) + 1,
                                    highestModseq: modseq, specialUse: [], subscribed: false)
        let selection = MailboxSelection(mailbox: mailbox, uids: uids, firstUnseen: nil, firstRecent: firstRecent, keywords: [])
        return SelectedMailbox(name: "INBOX", selection: selection, readOnly: readOnly)
    }

    static func record(_ uid: UInt32, modseq: UInt64, _ flags: MessageFlags = [], keywords: Set<String> = []) -> MessageRecord {
        MessageRecord(uid: uid, guid: .random(), flags: FlagSet(system: flags, keywords: keywords), modseq: modseq, internalDate: 0,
                      saveDate: 0, physicalSize: 1, virtualSize: 1, bodyLocation: "", envelope: nil, bodyStructure: nil)
    }

    static func changes(_ changed: [MessageRecord], expunged: [UInt32] = [], modseq: UInt64) -> MailboxChanges {
        let mailbox = MailboxRecord(name: "INBOX", guid: guid, uidValidity: 7, uidNext: (changed.map(\.uid).max() ?? 0) + 1,
                                    highestModseq: modseq, specialUse: [], subscribed: false)
        return MailboxChanges(mailbox: mailbox, changed: changed, expunged: expunged)
    }

    static let rev1 = SelectedMailbox.UpdateOptions(condstore: false, qresync: false, rev1: true)

    @Test("each EXPUNGE carries the number the message has once the earlier ones are gone (RFC 9051 §7.5.1)")
    func expungeNumbers() {
        var view = Self.view([1, 2, 3, 5, 8])
        #expect(view.remove([8, 2, 5, 99], qresync: false) == [.expunge(2), .expunge(3), .expunge(3)])
        #expect(view.uids == [1, 3])
        var qresync = Self.view([1, 2, 3, 5, 8])
        #expect(qresync.remove([2, 3, 8], qresync: true) == [.vanished(earlier: false, .numbers(2...3, 8...8))])
    }

    @Test("sequence sets, UID sets, * and $ name the messages the client knows")
    func sets() {
        var view = Self.view([1, 2, 3, 5, 8])
        #expect(view.uids(in: .numbers(2...4), byUID: false) == [2, 3, 5])
        #expect(view.uids(in: .ranges([SequenceRange(.number(4), .star)]), byUID: true) == [5, 8])
        // `9:*` with 8 the highest UID is `8:9` (RFC 9051 §9).
        #expect(view.uids(in: .ranges([SequenceRange(.number(9), .star)]), byUID: true) == [8])
        #expect(view.uids(in: .numbers(1...1, 1...2), byUID: false) == [1, 2])
        view.savedSearch = [3, 8]
        #expect(view.uids(in: .lastCommand, byUID: false) == [3, 8])
        #expect(view.isOutOfRange(.numbers(6...6)))
        #expect(!view.isOutOfRange(.ranges([SequenceRange(.number(5), .star)])))
        #expect(view.sequenceNumber(of: 5) == 4 && view.sequenceNumber(of: 4) == nil)
    }

    @Test("changes by others: held expunges, new messages with their \\Recent, new keywords, flag FETCHes")
    func takeChanges() {
        var view = Self.view([1, 2, 3], firstRecent: 3)
        #expect(view.recent == [3])
        let changes = Self.changes([Self.record(1, modseq: 11, .seen), Self.record(4, modseq: 12, keywords: ["$Junk"])],
                                   expunged: [2, 77], modseq: 13)
        let held = view.take(changes, newRecent: 4, holdingExpunges: true, options: Self.rev1)
        #expect(held == [
            .exists(4), .recent(2),
            .flags([.answered, .flagged, .deleted, .seen, .draft, .keyword("$Junk")]),
            .ok(.permanentFlags([.answered, .flagged, .deleted, .seen, .draft, .keyword("$Junk")], allowsNewKeywords: true), "Flags permitted."),
            .fetch(1, [.uid(1), .flags([.seen])]),
        ])
        #expect(view.uids == [1, 2, 3, 4] && view.heldExpunges == [2] && view.highestModseq == 13)
        // The held expunge goes out with the next look that may send it.
        let later = view.take(Self.changes([], modseq: 13), newRecent: nil, holdingExpunges: false, options: Self.rev1)
        #expect(later == [.expunge(2)])
        #expect(view.uids == [1, 3, 4])
    }

    @Test("a flag change the session reported itself is not reported again; CONDSTORE adds MODSEQ")
    func ownChanges() {
        var view = Self.view([1, 2])
        let mine = Self.record(1, modseq: 11, .flagged)
        view.noteReported([mine])
        let options = SelectedMailbox.UpdateOptions(condstore: true, qresync: false, rev1: false)
        let responses = view.take(Self.changes([mine, Self.record(2, modseq: 12, .seen)], modseq: 12),
                                  newRecent: nil, holdingExpunges: false, options: options)
        #expect(responses == [.fetch(2, [.uid(2), .flags([.seen]), .modSeq(12)])])
    }
}
