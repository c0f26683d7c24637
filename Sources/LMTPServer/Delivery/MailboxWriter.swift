import Foundation
import MailStore

/// Every call LMTP delivery makes into a user's mail store, in one place.
struct MailboxWriter {
    let store: UserMailStore

    /// The user's mailbox names, for Sieve's `mailboxexists`.
    func mailboxNames() async throws -> Set<String> {
        Set(try await store.mailboxes().map(\.name))
    }

    /// The mailbox carrying `specialUse` (RFC 8579 `fileinto :specialuse`), if the user has one.
    func mailbox(withSpecialUse specialUse: String?) async throws -> String? {
        guard let specialUse else { return nil }
        return try await store.mailboxes().first { box in
            box.specialUse.contains { $0.lowercased() == specialUse.lowercased() }
        }?.name
    }

    /// Stores `message` in `mailbox` with `flags` (IMAP flag strings, `\Seen` or keywords) and
    /// returns the name of the mailbox it went to, and the stored file other recipients' copies
    /// may link (see ``UserMailStore/deliver(_:to:)``).
    ///
    /// A missing mailbox is made when `create` is set (RFC 5490 `:create`), with the `specialUse`
    /// attribute `fileinto :specialuse` asked for (RFC 8579 §4); otherwise the message goes to
    /// INBOX, as Pigeonhole does, and `note` says why.
    func save(
        _ message: MessageToAppend, to mailbox: String, flags: Set<String>?, create: Bool, specialUse: String? = nil,
        note: (String) -> Void
    ) async throws -> (mailbox: String, file: SharedMessageFile?) {
        var target = UserMailStore.canonicalName(mailbox)
        if target != "INBOX", try await store.index.mailbox(named: target) == nil {
            if create {
                do {
                    try await store.createMailbox(named: target, specialUse: specialUse.map { [$0] } ?? [])
                } catch let error as MailIndexError where error.kind == .mailboxExists {
                    // A concurrent delivery made it first.
                } catch {
                    note("cannot create mailbox \(mailbox) (\(error)); saved to INBOX")
                    target = "INBOX"
                }
            } else {
                note("mailbox \(mailbox) does not exist; saved to INBOX")
                target = "INBOX"
            }
        }
        var message = message
        message.flags = Self.flagSet(flags)
        return (target, try await store.deliver(message, to: target))
    }

    /// imap4flags' strings as stored flags: the five system flags (any case) and keywords;
    /// `\Recent` and other backslash names cannot be set and are dropped.
    static func flagSet(_ flags: Set<String>?) -> FlagSet {
        var set = FlagSet()
        for flag in flags ?? [] {
            switch flag.lowercased() {
            case "\\seen": set.system.insert(.seen)
            case "\\answered": set.system.insert(.answered)
            case "\\flagged": set.system.insert(.flagged)
            case "\\deleted": set.system.insert(.deleted)
            case "\\draft": set.system.insert(.draft)
            default:
                if !flag.hasPrefix("\\"), !flag.isEmpty { set.keywords.insert(flag) }
            }
        }
        return set
    }
}
