import Foundation
import MailStore
import MailTesting
import Testing

/// Real clients deliver into Columba over LMTP: Python's smtplib.LMTP, and Postfix's lmtp transport.
@Suite("LMTP with real peers", .serialized)
struct LMTPPeerTests {
    @Test("smtplib.LMTP: LHLO extensions, a refused recipient, an SMTPUTF8 message")
    func pythonSMTPLib() async throws {
        let server = try await LMTPTestServer.start()
        let script = """
            import smtplib, sys
            s = smtplib.LMTP("127.0.0.1", int(sys.argv[1]))
            code, _ = s.ehlo()
            assert code == 250, code
            for extension in ("pipelining", "chunking", "size", "8bitmime", "smtputf8", "enhancedstatuscodes", "dsn"):
                assert s.has_extn(extension), extension
            refused = s.sendmail("sender@example.org", ["alice@example.test", "nobody@example.test"],
                                 b"Subject: one\\r\\n\\r\\nfirst\\r\\n")
            assert list(refused) == ["nobody@example.test"], refused
            assert refused["nobody@example.test"][0] == 550, refused
            s.sendmail("s\\u00e9nder@example.org", ["alice@example.test"],
                       "Subject: caf\\u00e9\\r\\n\\r\\nd\\u00e9j\\u00e0 vu\\r\\n".encode("utf-8"), mail_options=["SMTPUTF8"])
            s.quit()
            print("smtplib ok")
            """
        let python = Peers.python
        let result = try await Peers.run(python, ["-c", script, String(server.port)])
        #expect(result.status == 0, "\(result.output)\n\(result.error)")
        #expect(result.output.contains("smtplib ok"))
        let inbox = try await server.messages("alice@example.test")
        #expect(inbox.count == 2)
        #expect(inbox.last?.text.contains("Return-Path: <sénder@example.org>\r\n") == true)
        #expect(inbox.last?.text.hasSuffix("Subject: café\r\n\r\ndéjà vu\r\n") == true)
        try await server.stop()
    }

    @Test("Postfix delivers over LMTP; Sieve files with flags and the vacation reply reaches the relay")
    func postfixDelivery() async throws {
        guard PostfixInstance.installed else { return Peers.missing("postfix") }
        let sink = try await SMTPSink.start()
        let server = try await LMTPTestServer.start(relay: sink.port, lmtp: "max_recipients: 50")
        try server.activateScript("""
            require ["fileinto", "mailbox", "imap4flags", "vacation"];
            if address :domain "from" "example.org" {
                setflag "\\\\Flagged";
                addflag "$Work";
                fileinto :create "Projects";
            }
            vacation :subject "Out of office" "Back next week.";
            """, for: "alice@example.test")
        let postfix = try await PostfixInstance.start(lmtpPort: server.port)
        do {
            let client = try await LineClient.connect(port: postfix.smtpPort)
            let message = """
                From: Dana <dana@example.org>\r
                To: Alice <alice@example.test>\r
                Subject: Roadmap\r
                Message-ID: <roadmap-1@example.org>\r
                \r
                The plan.\r
                .
                """
            for line in ["EHLO client.example.org", "MAIL FROM:<dana@example.org>", "RCPT TO:<alice@example.test>", "DATA"] {
                try await client.send(line)
            }
            var transcript: [String] = []
            while let line = try await client.readLine() {
                transcript.append(line)
                if line.hasPrefix("354") || line.hasPrefix("4") || line.hasPrefix("5") { break }
            }
            #expect(transcript.last?.hasPrefix("354") == true, "\(transcript)")
            try await client.send(message.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n"))
            let queued = try await client.readLine()
            #expect(queued?.hasPrefix("250") == true, "\(queued ?? "closed")")
            try await client.send("QUIT")
            await client.close()

            let delivered = try await Peers.waitUntil {
                try await server.messages("alice@example.test", in: "Projects").count == 1
            }
            #expect(delivered, "\(postfix.log)")
            let filed = try await server.messages("alice@example.test", in: "Projects")
            #expect(filed.first?.flags == FlagSet(system: [.flagged], keywords: ["$Work"]))
            let text = filed.first?.text ?? ""
            #expect(text.hasPrefix("Return-Path: <dana@example.org>\r\nDelivered-To: alice@example.test\r\nReceived: from relay.example.test (127.0.0.1)"))
            #expect(text.contains("by relay.example.test (Postfix) with ESMTP"))
            #expect(text.contains("Subject: Roadmap\r\n"))
            #expect(try await server.messages("alice@example.test").isEmpty)
            // Postfix logs the delivery once it read our reply, a moment after the message was stored.
            let logged = try await Peers.waitUntil(timeout: .seconds(30)) {
                postfix.log.contains("status=sent (250 2.0.0 <alice@example.test> Saved)")
            }
            #expect(logged && postfix.log.contains("relay=127.0.0.1[127.0.0.1]:\(server.port)"), "\(postfix.log)")

            let replies = try await sink.waitForMessages(1)
            let reply = try #require(replies.first)
            #expect(reply.mailFrom == "<>")
            #expect(reply.recipients == ["<dana@example.org>"])
            #expect(reply.header("Auto-Submitted") == "auto-replied (vacation)")
            #expect(reply.header("In-Reply-To") == "<roadmap-1@example.org>")
            #expect(reply.header("References") == "<roadmap-1@example.org>")
            #expect(reply.header("Subject") == "Out of office")
            #expect(reply.header("From") == "<alice@example.test>")
            #expect(reply.header("To") == "<dana@example.org>")
            #expect(reply.body == "Back next week.\r\n")
        } catch {
            try? await postfix.stop()
            throw error
        }
        try await postfix.stop()
        try await server.stop()
        await sink.stop()
    }
}
