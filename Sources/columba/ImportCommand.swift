import ArgumentParser
import IMAPGrammar
import MailStore

/// `columba import maildir:PATH -u USER`: bring a Dovecot Maildir into a user's store.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import a Dovecot Maildir++ directory into a user's mailboxes.",
        discussion: """
            INBOX comes from the directory itself and every .Folder below it becomes a mailbox \
            (Folder/Sub for .Folder.Sub). Flags, keywords from dovecot-keywords, internal dates \
            (file times) and subscriptions are kept; so are UIDs and UIDVALIDITY from \
            dovecot-uidlist when the target mailbox has never held mail. Prints one line per mailbox.
            """
    )

    @Argument(help: "The source, as maildir:PATH.") var source: String
    @Option(name: .short, help: "The user.") var user: String
    @OptionGroup var installation: InstallationOptions

    func run() async throws {
        guard source.hasPrefix("maildir:"), source.count > "maildir:".count else {
            throw ValidationError("the source must be maildir:PATH")
        }
        let root = String(source.dropFirst("maildir:".count))
        let reports = try await withStore(user, installation) { store in
            try await MaildirImport(root: root, decodeName: { ModifiedUTF7.decode(Array($0.utf8)) }).run(into: store)
        }
        for report in reports {
            print("mailbox=\(report.mailbox) messages=\(report.messages) uids=\(report.keptUIDs ? "kept" : "new")")
        }
    }
}
