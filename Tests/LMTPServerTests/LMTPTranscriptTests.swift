import Foundation
import MailStore
import MailTesting
import Testing

/// Exact command/reply transcripts of the LMTP session (RFC 2033) for every command and error path.
@Suite("LMTP transcripts")
struct LMTPTranscriptTests {
    @Test("greeting and LHLO list the extensions")
    func lhlo() async throws {
        let server = try await LMTPTestServer.start()
        let client = try await server.connect()
        try await transcript(client, """
            S: 220 mx.example.test LMTP Columba ready
            C: LHLO client.example.test
            S: 250-mx.example.test
            S: 250-PIPELINING
            S: 250-ENHANCEDSTATUSCODES
            S: 250-8BITMIME
            S: 250-CHUNKING
            S: 250-SIZE 4096
            S: 250-SMTPUTF8
            S: 250 DSN
            C: QUIT
            S: 221 2.0.0 Bye
            """)
        try await client.waitForClose()
        try await server.stop()
    }

    @Test("DATA: one reply per accepted recipient, unknown users refused at RCPT, trace fields added")
    func dataDelivery() async throws {
        let server = try await LMTPTestServer.start()
        let client = try await server.connect()
        try await transcript(client, """
            S: 220 mx.example.test LMTP Columba ready
            C: LHLO client.example.test
            S: 250-mx.example.test
            S: 250-PIPELINING
            S: 250-ENHANCEDSTATUSCODES
            S: 250-8BITMIME
            S: 250-CHUNKING
            S: 250-SIZE 4096
            S: 250-SMTPUTF8
            S: 250 DSN
            C: MAIL FROM:<sender@example.org> SIZE=100 BODY=8BITMIME RET=HDRS ENVID=abc
            C: RCPT TO:<alice@example.test> NOTIFY=FAILURE ORCPT=rfc822;alice@example.test
            C: RCPT TO:<nobody@example.test>
            C: RCPT TO:<bob+lists@example.test>
            C: DATA
            S: 250 2.1.0 Sender ok
            S: 250 2.1.5 Recipient ok
            S: 550 5.1.1 <nobody@example.test>: user unknown
            S: 250 2.1.5 Recipient ok
            S: 354 Start mail input; end with <CRLF>.<CRLF>
            C: Subject: hello
            C:
            C: ..a line starting with a dot
            C: .
            S: 250 2.0.0 <alice@example.test> Saved
            S: 250 2.0.0 <bob+lists@example.test> Saved
            C: QUIT
            S: 221 2.0.0 Bye
            """)
        let alice = try await server.messages("alice@example.test")
        let bob = try await server.messages("bob@example.test")
        #expect(alice.count == 1 && bob.count == 1)
        let text = try #require(alice.first?.text)
        // Two recipients: no Delivered-To and no address in the Received line, so both copies
        // are the same bytes, and bob's is a second name of alice's file.
        #expect(text.hasPrefix("Return-Path: <sender@example.org>\r\nReceived: from client.example.test (127.0.0.1)\r\n\tby mx.example.test (Columba) with LMTP id "))
        #expect(!text.contains("\tfor <"))
        #expect(text.hasSuffix("Subject: hello\r\n\r\n.a line starting with a dot\r\n"))
        #expect(bob.first?.text == text)
        var files: [(inode: Int?, links: Int?, guid: GUID128)] = []
        for user in ["alice@example.test", "bob@example.test"] {
            let store = try await server.store(user)
            let record = try #require(try await store.messages(in: "INBOX").first)
            let attributes = try FileManager.default.attributesOfItem(atPath: server.home(user) + "/" + record.bodyLocation)
            files.append((attributes[.systemFileNumber] as? Int, attributes[.referenceCount] as? Int, record.guid))
        }
        #expect(files[0].inode != nil && files[0].inode == files[1].inode)
        #expect(files[0].links == 2)
        #expect(files[0].guid == files[1].guid)
        // Expunging one user's copy leaves the other's whole.
        let aliceStore = try await server.store("alice@example.test")
        #expect(try await aliceStore.expunge(in: "INBOX", uids: [1]) == [1])
        #expect(try await server.messages("bob@example.test").first?.text == text)
        try await server.stop()
    }

    @Test("BDAT chunks, BDAT LAST delivers; DATA after BDAT refused")
    func chunking() async throws {
        let server = try await LMTPTestServer.start()
        let client = try await server.connect()
        try await transcript(client, """
            S: 220 mx.example.test LMTP Columba ready
            C: LHLO c
            S: 250-mx.example.test
            S: 250-PIPELINING
            S: 250-ENHANCEDSTATUSCODES
            S: 250-8BITMIME
            S: 250-CHUNKING
            S: 250-SIZE 4096
            S: 250-SMTPUTF8
            S: 250 DSN
            C: MAIL FROM:<>
            C: RCPT TO:<carol@example.test>
            S: 250 2.1.0 Sender ok
            S: 250 2.1.5 Recipient ok
            """)
        try await client.sendRaw(Array("BDAT 14\r\nSubject: x\r\n\r\nBDAT 6 LAST\r\nbody\r\n".utf8))
        try await transcript(client, """
            S: 250 2.0.0 14 octets received
            S: 250 2.0.0 <carol@example.test> Saved
            C: MAIL FROM:<a@example.org>
            C: RCPT TO:<carol@example.test>
            S: 250 2.1.0 Sender ok
            S: 250 2.1.5 Recipient ok
            """)
        try await client.sendRaw(Array("BDAT 3\r\nabcDATA\r\n".utf8))
        try await transcript(client, """
            S: 250 2.0.0 3 octets received
            S: 503 5.5.1 DATA cannot follow BDAT
            C: RSET
            S: 250 2.0.0 Ok
            """)
        let carol = try await server.messages("carol@example.test")
        #expect(carol.count == 1)
        #expect(carol.first?.text.hasPrefix("Return-Path: <>\r\nDelivered-To: carol@example.test\r\nReceived: ") == true)
        #expect(carol.first?.text.contains("\tfor <carol@example.test>; ") == true)
        #expect(carol.first?.text.hasSuffix("Subject: x\r\n\r\nbody\r\n") == true)
        try await server.stop()
    }

    @Test("sequence errors, unsupported commands, VRFY, NOOP, RSET, HELP")
    func errorPaths() async throws {
        let server = try await LMTPTestServer.start()
        let client = try await server.connect()
        try await transcript(client, """
            S: 220 mx.example.test LMTP Columba ready
            C: MAIL FROM:<a@example.org>
            S: 503 5.5.1 Send LHLO first
            C: EHLO c
            S: 500 5.5.1 This is LMTP: use LHLO
            C: HELO c
            S: 500 5.5.1 This is LMTP: use LHLO
            C: LHLO c
            S: 250-mx.example.test
            S: 250-PIPELINING
            S: 250-ENHANCEDSTATUSCODES
            S: 250-8BITMIME
            S: 250-CHUNKING
            S: 250-SIZE 4096
            S: 250-SMTPUTF8
            S: 250 DSN
            C: RCPT TO:<alice@example.test>
            S: 503 5.5.1 Send MAIL first
            C: DATA
            S: 503 5.5.1 Send MAIL first
            C: MAIL FROM:<a@example.org>
            S: 250 2.1.0 Sender ok
            C: MAIL FROM:<a@example.org>
            S: 503 5.5.1 MAIL already given
            C: DATA
            S: 503 5.5.1 No valid recipients
            C: RSET
            S: 250 2.0.0 Ok
            C: MAIL FROM:<a@example.org> SIZE=5000
            S: 552 5.3.4 Message size exceeds fixed maximum message size
            C: MAIL FROM:<a@example.org> BODY=BINARYMIME
            S: 555 5.5.4 BODY=BINARYMIME is not supported
            C: MAIL FROM:<a@example.org
            S: 501 5.1.3 path must end with '>'
            C: VRFY alice
            S: 252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery
            C: NOOP
            S: 250 2.0.0 Ok
            C: HELP
            S: 214 2.0.0 Commands: LHLO MAIL RCPT DATA BDAT RSET NOOP VRFY QUIT
            C: STARTTLS
            S: 502 5.5.1 Command not implemented
            C: AUTH PLAIN
            S: 502 5.5.1 Command not implemented
            C: FROB
            S: 500 5.5.1 unknown command
            C: QUIT
            S: 221 2.0.0 Bye
            """)
        try await client.waitForClose()
        try await server.stop()
    }

    @Test("a failing userdb gives 451 4.3.0 for that recipient; the session goes on")
    func userdbFailure() async throws {
        let server = try await LMTPTestServer.start()
        let users = server.directory.appendingPathComponent("users").path
        // A folder where the passwd-file should be: reading it fails (a missing file would be empty).
        try FileManager.default.moveItem(atPath: users, toPath: users + ".away")
        try FileManager.default.createDirectory(atPath: users, withIntermediateDirectories: false)
        let client = try await server.connect()
        try await transcript(client, """
            S: 220 mx.example.test LMTP Columba ready
            C: LHLO c
            S: 250-mx.example.test
            S: 250-PIPELINING
            S: 250-ENHANCEDSTATUSCODES
            S: 250-8BITMIME
            S: 250-CHUNKING
            S: 250-SIZE 4096
            S: 250-SMTPUTF8
            S: 250 DSN
            C: MAIL FROM:<a@example.org>
            S: 250 2.1.0 Sender ok
            C: RCPT TO:<alice@example.test>
            S: 451 4.3.0 <alice@example.test>: temporary user lookup failure
            """)
        try FileManager.default.removeItem(atPath: users)
        try FileManager.default.moveItem(atPath: users + ".away", toPath: users)
        try await transcript(client, """
            C: RCPT TO:<alice@example.test>
            S: 250 2.1.5 Recipient ok
            C: QUIT
            S: 221 2.0.0 Bye
            """)
        try await server.stop()
    }

    @Test("graceful shutdown says 421 to a session waiting for a command")
    func shutdown() async throws {
        let server = try await LMTPTestServer.start()
        let client = try await server.connect()
        #expect(try await client.readLine() == "220 mx.example.test LMTP Columba ready")
        try await client.send("LHLO c")
        for line in LMTPHostileInputTests.lhloReply {
            #expect(try await client.readLine() == line)
        }
        try await server.stop()
        #expect(try await client.readLine() == "421 4.3.2 Server shutting down")
        try await client.waitForClose()
    }
}
