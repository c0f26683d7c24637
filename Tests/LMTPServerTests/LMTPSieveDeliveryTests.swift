import Foundation
import MailStore
import MailTesting
import Testing

/// Delivery through Sieve: the folder and flags a script chose, reject per recipient, discard,
/// errors that keep, the global before-script, redirect and vacation through a capturing relay.
@Suite("LMTP Sieve delivery")
struct LMTPSieveDeliveryTests {
    /// Delivers one message from `sender` to `recipients` and returns the replies after DATA.
    static func deliver(
        _ server: LMTPTestServer, from sender: String = "sender@example.org", to recipients: [String],
        message: String = "From: Sender <sender@example.org>\r\nTo: alice@example.test\r\nSubject: Team news\r\nMessage-ID: <m1@example.org>\r\n\r\nHello\r\n"
    ) async throws -> [String] {
        let client = try await server.connect()
        var commands = "LHLO c\r\nMAIL FROM:<\(sender)>\r\n"
        for recipient in recipients { commands += "RCPT TO:<\(recipient)>\r\n" }
        try await client.sendRaw(Array((commands + "DATA\r\n").utf8))
        let before = 1 + LMTPHostileInputTests.lhloReply.count + 1 + recipients.count + 1
        for _ in 0..<before { _ = try await client.readLine() }
        try await client.sendRaw(Array((message + ".\r\nQUIT\r\n").utf8))
        var replies: [String] = []
        for _ in recipients { replies.append(try await client.readLine() ?? "") }
        _ = try await client.readLine()
        await client.close()
        return replies
    }

    @Test("fileinto :create with imap4flags lands in the folder with the flags")
    func fileIntoWithFlags() async throws {
        let server = try await LMTPTestServer.start()
        try server.activateScript("""
            require ["fileinto", "mailbox", "imap4flags"];
            if header :contains "subject" "news" {
                addflag ["\\\\Seen", "$Team"];
                fileinto :create "Lists/Team";
            }
            """, for: "alice@example.test")
        #expect(try await Self.deliver(server, to: ["alice@example.test"]) == ["250 2.0.0 <alice@example.test> Saved"])
        let filed = try await server.messages("alice@example.test", in: "Lists/Team")
        #expect(filed.count == 1)
        #expect(filed.first?.flags == FlagSet(system: [.seen], keywords: ["$Team"]))
        #expect(try await server.messages("alice@example.test").isEmpty)
        try await server.stop()
    }

    @Test("fileinto a missing mailbox without :create keeps the message in INBOX")
    func fileIntoMissing() async throws {
        let server = try await LMTPTestServer.start()
        try server.activateScript("require \"fileinto\"; fileinto \"Nowhere\";", for: "alice@example.test")
        #expect(try await Self.deliver(server, to: ["alice@example.test"]) == ["250 2.0.0 <alice@example.test> Saved"])
        #expect(try await server.messages("alice@example.test").count == 1)
        #expect(try await server.messages("alice@example.test", in: "Nowhere").isEmpty)
        try await server.stop()
    }

    @Test("reject refuses only that recipient with 550 5.7.1; discard stores nothing")
    func rejectAndDiscard() async throws {
        let server = try await LMTPTestServer.start()
        try server.activateScript("require \"reject\"; reject \"I do not want this\";", for: "alice@example.test")
        try server.activateScript("discard;", for: "bob@example.test")
        let replies = try await Self.deliver(server, to: ["alice@example.test", "bob@example.test", "carol@example.test"])
        #expect(replies == [
            "550 5.7.1 I do not want this", "250 2.0.0 <bob@example.test> Discarded", "250 2.0.0 <carol@example.test> Saved",
        ])
        #expect(try await server.messages("alice@example.test").isEmpty)
        #expect(try await server.messages("bob@example.test").isEmpty)
        #expect(try await server.messages("carol@example.test").count == 1)
        try await server.stop()
    }

    @Test("a script that does not compile keeps the message in INBOX")
    func brokenScript() async throws {
        let server = try await LMTPTestServer.start()
        try server.activateScript("if header :is \"subject\" { discard; }", for: "alice@example.test")
        #expect(try await Self.deliver(server, to: ["alice@example.test"]) == ["250 2.0.0 <alice@example.test> Saved"])
        #expect(try await server.messages("alice@example.test").count == 1)
        try await server.stop()
    }

    @Test("a before-script that files the message ends the chain; the user's script does not run")
    func beforeScript() async throws {
        let global = FileManager.default.temporaryDirectory.appendingPathComponent("columba-before-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: global, withIntermediateDirectories: true)
        try """
            require ["fileinto", "mailbox"];
            if header :contains "subject" "spam" { fileinto :create "Junk"; }
            """.write(to: global.appendingPathComponent("10-junk.sieve"), atomically: true, encoding: .utf8)
        let server = try await LMTPTestServer.start(before: [global.path])
        try server.activateScript("discard;", for: "alice@example.test")
        let spam = "From: x@example.org\r\nSubject: buy spam\r\n\r\nx\r\n"
        #expect(try await Self.deliver(server, to: ["alice@example.test"], message: spam) == ["250 2.0.0 <alice@example.test> Saved"])
        #expect(try await server.messages("alice@example.test", in: "Junk").count == 1)
        // Not spam: the before-script keeps, so the user's script runs and discards.
        #expect(try await Self.deliver(server, to: ["alice@example.test"]) == ["250 2.0.0 <alice@example.test> Discarded"])
        #expect(try await server.messages("alice@example.test").isEmpty)
        try await server.stop()
    }

    @Test("redirect goes to the relay with the original envelope sender and X-Sieve-Redirected-From")
    func redirect() async throws {
        let sink = try await SMTPSink.start()
        let server = try await LMTPTestServer.start(relay: sink.port)
        try server.activateScript("redirect \"elsewhere@example.net\";", for: "alice@example.test")
        #expect(try await Self.deliver(server, to: ["alice@example.test"]) == ["250 2.0.0 <alice@example.test> Redirected"])
        let sent = try await sink.waitForMessages(1)
        #expect(sent.count == 1)
        #expect(sent.first?.mailFrom == "<sender@example.org>")
        #expect(sent.first?.recipients == ["<elsewhere@example.net>"])
        #expect(sent.first?.header("X-Sieve-Redirected-From") == "alice@example.test")
        #expect(sent.first?.header("Subject") == "Team news")
        #expect(try await server.messages("alice@example.test").isEmpty)
        try await server.stop()
        await sink.stop()
    }

    @Test("over quota: that recipient gets 552 5.2.2, the others get their copy")
    func overQuota() async throws {
        let server = try await LMTPTestServer.start()
        for _ in 0..<2 {
            #expect(try await Self.deliver(server, to: ["carol@example.test"]) == ["250 2.0.0 <carol@example.test> Saved"])
        }
        let replies = try await Self.deliver(server, to: ["carol@example.test", "bob@example.test"])
        #expect(replies[0].hasPrefix("552 5.2.2 <carol@example.test> Quota exceeded: 3 messages would pass the limit of 2"))
        #expect(replies[1] == "250 2.0.0 <bob@example.test> Saved")
        #expect(try await server.messages("carol@example.test").count == 2)
        try await server.stop()
    }

    @Test("fileinto :specialuse files into the mailbox with that attribute; notify mailto sends an auto-notified message")
    func specialUseAndNotify() async throws {
        let sink = try await SMTPSink.start()
        let server = try await LMTPTestServer.start(relay: sink.port)
        _ = try await server.store("alice@example.test").createMailbox(named: "Spam", specialUse: ["\\Junk"])
        try server.activateScript("""
            require ["fileinto", "special-use", "enotify"];
            fileinto :specialuse "\\\\Junk" "Junk";
            notify :message "Team news arrived" "mailto:alice-phone@example.net?subject=Mail%20alert";
            """, for: "alice@example.test")
        #expect(try await Self.deliver(server, to: ["alice@example.test"]) == ["250 2.0.0 <alice@example.test> Saved"])
        #expect(try await server.messages("alice@example.test", in: "Spam").count == 1)
        let sent = try await sink.waitForMessages(1)
        let note = try #require(sent.first)
        #expect(note.mailFrom == "<>")
        #expect(note.recipients == ["<alice-phone@example.net>"])
        #expect(note.header("Auto-Submitted") == "auto-notified")
        #expect(note.header("Subject") == "Mail alert")
        #expect(note.header("From") == "<alice@example.test>")
        #expect(note.body == "Team news arrived\r\n")
        try await server.stop()
        await sink.stop()
    }

    @Test("fileinto :specialuse :create with no such mailbox creates the named one with that attribute (RFC 8579 §4)")
    func specialUseCreate() async throws {
        let server = try await LMTPTestServer.start()
        try server.activateScript("""
            require ["fileinto", "special-use", "mailbox"];
            fileinto :specialuse "\\\\Archive" :create "Old Mail";
            """, for: "alice@example.test")
        #expect(try await Self.deliver(server, to: ["alice@example.test"]) == ["250 2.0.0 <alice@example.test> Saved"])
        #expect(try await server.messages("alice@example.test", in: "Old Mail").count == 1)
        let created = try await server.store("alice@example.test").mailbox(named: "Old Mail")
        #expect(created.specialUse == ["\\Archive"])
        try await server.stop()
    }

    @Test("vacation: one reply per sender and interval, from <>, with the RFC 3834 headers")
    func vacation() async throws {
        let sink = try await SMTPSink.start()
        let server = try await LMTPTestServer.start(relay: sink.port)
        try server.activateScript("""
            require "vacation";
            vacation :days 3 :subject "Away until Monday" text:
            I am away.
            Back on Monday.
            .
            ;
            """, for: "alice@example.test")
        #expect(try await Self.deliver(server, to: ["alice@example.test"]) == ["250 2.0.0 <alice@example.test> Saved"])
        #expect(try await Self.deliver(server, to: ["alice@example.test"]) == ["250 2.0.0 <alice@example.test> Saved"])
        // A list message gets no reply (RFC 5230 §4.6).
        let list = "From: list@example.org\r\nTo: alice@example.test\r\nList-Id: <team.example.org>\r\nSubject: l\r\n\r\nx\r\n"
        _ = try await Self.deliver(server, from: "list-bounces@example.org", to: ["alice@example.test"], message: list)
        let sent = try await sink.waitForMessages(1)
        #expect(try await server.messages("alice@example.test").count == 3)
        #expect(sink.messages.count == 1)
        let reply = try #require(sent.first)
        #expect(reply.mailFrom == "<>")
        #expect(reply.recipients == ["<sender@example.org>"])
        #expect(reply.header("Auto-Submitted") == "auto-replied (vacation)")
        #expect(reply.header("In-Reply-To") == "<m1@example.org>")
        #expect(reply.header("References") == "<m1@example.org>")
        #expect(reply.header("Subject") == "Away until Monday")
        #expect(reply.header("From") == "<alice@example.test>")
        #expect(reply.header("To") == "<sender@example.org>")
        #expect(reply.body == "I am away.\r\nBack on Monday.\r\n")
        try await server.stop()
        await sink.stop()
    }

    @Test("lmtp.received_header: false stores the message with only Return-Path and Delivered-To added")
    func noReceivedLine() async throws {
        let server = try await LMTPTestServer.start(lmtp: "received_header: false")
        #expect(try await Self.deliver(server, to: ["alice@example.test"], message: "Subject: s\r\n\r\nb\r\n")
                == ["250 2.0.0 <alice@example.test> Saved"])
        #expect(try await server.messages("alice@example.test").first?.text
                == "Return-Path: <sender@example.org>\r\nDelivered-To: alice@example.test\r\nSubject: s\r\n\r\nb\r\n")
        try await server.stop()
    }
}
