import Foundation
import MailStore
import MailTesting
import Testing

@Suite("Maildir import from Dovecot")
struct MaildirImportTests {
    private struct Filled: Decodable {
        struct Mailbox: Decodable {
            var uidvalidity: UInt32
            var uidnext: UInt32
            var subscribed: Bool
            var messages: [Message]
        }

        struct Message: Decodable {
            var uid: UInt32
            var flags: [String]
            var internaldate: Int64
            var body: String
        }

        var root: String
        var mailboxes: [String: Mailbox]
    }

    @Test("a Maildir Dovecot filled over IMAP imports with flags, keywords, dates, UIDs, UIDVALIDITY and subscriptions")
    func dovecotMaildir() async throws {
        let python = ProcessInfo.processInfo.environment["TEST_PYTHON"] ?? "python3"
        let required = ProcessInfo.processInfo.environment["TEST_REQUIRE_PEERS"] == "1"
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/dovecot"),
              FileManager.default.isExecutableFile(atPath: "/usr/lib/dovecot/imap") else {
            try #require(!required, "Debian's dovecot-imapd is not installed but TEST_REQUIRE_PEERS=1")
            return
        }
        let installation = try TestInstallation()
        let state = installation.directory.appendingPathComponent("dovecot").path
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Peers/fill_dovecot_maildir.py").path
        let fill = try ChildProcess.run(python, [script, state])
        try #require(fill.status == 0, "filling through Dovecot failed: \(fill.error)")
        let filled = try JSONDecoder().decode(Filled.self, from: Data(fill.output.utf8))

        let home = installation.directory.appendingPathComponent("homes/alice").path
        try "alice@example.test:{PLAIN}x::::\(home)::\n".write(toFile: installation.usersPath, atomically: true, encoding: .utf8)
        let imported = try installation.run(["import", "maildir:\(filled.root)", "-u", "alice@example.test"],
                                            configuration: installation.configuration())
        #expect(imported.status == 0, "\(imported.error)")
        #expect(imported.output.contains("mailbox=INBOX messages=4 uids=kept"))

        let store = try await UserMailStore.open(home: home)
        #expect(Set(try await store.mailboxes().map(\.name)) == Set(filled.mailboxes.keys))
        for (name, expected) in filled.mailboxes {
            let mailbox = try await store.mailbox(named: name)
            #expect(mailbox.uidValidity == expected.uidvalidity, "\(name)")
            #expect(mailbox.uidNext == expected.uidnext, "\(name)")
            #expect(mailbox.subscribed == expected.subscribed, "\(name)")
            let messages = try await store.messages(in: name)
            #expect(messages.map(\.uid) == expected.messages.map(\.uid), "\(name)")
            for (record, want) in zip(messages, expected.messages) {
                #expect(record.flags.imapNames.sorted() == want.flags, "\(name) UID \(record.uid)")
                #expect(record.internalDate == want.internaldate, "\(name) UID \(record.uid)")
                // Dovecot keeps Maildir files with LF line ends and serves them with CRLF, as IMAP will.
                let stored = try await store.body(of: record)
                #expect(Self.crlf(stored) == Array(Data(base64Encoded: want.body) ?? Data()), "\(name) UID \(record.uid)")
                #expect(record.virtualSize == Int64(Self.crlf(stored).count))
            }
        }
        // New mail continues above the imported UIDs.
        let next = try await store.save(Array("Subject: after import\r\n\r\nx\r\n".utf8))
        #expect(next == filled.mailboxes["INBOX"]?.uidnext)
    }

    private static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A, index == 0 || bytes[index - 1] != 0x0D { result.append(0x0D) }
            result.append(byte)
        }
        return result
    }
}
