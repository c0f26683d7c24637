import Foundation
import Logging
import MailMessage
import MailStore
import Sieve
import Testing

@testable import LMTPServer

/// The pure parts of delivery: outgoing messages, the script chain, the compiled-script cache.
@Suite("LMTP delivery parts")
struct LMTPDeliveryPartsTests {
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "columba-lmtp-parts-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("MailMessageCorpus")

    /// The corpus's messages (odd headers, no header, bare LF, deep MIME) by name.
    static let corpusNames = ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? [])
        .filter { $0.hasSuffix(".eml") }.sorted()

    @Test("the MIME corpus is found, so the test below runs over it")
    func corpusFound() {
        #expect(Self.corpusNames.count >= 60)
    }

    @Test("the parse made once per message is each recipient's copy's own parse", arguments: corpusNames)
    func storedSummaryPerRecipient(name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(name)))
        let message = IncomingMessage(bytes: bytes, sender: "s@example.org", receivedAt: 0)
        for recipient in ["a@b.c", "someone.with.a.long+detail@mail.example.test"] {
            let stored = message.stored(deliveredTo: recipient)
            #expect(stored.summary == MessageSummary(parsing: stored.bytes), "\(name) for \(recipient)")
            #expect(stored.bytes == Array("Return-Path: <s@example.org>\r\nDelivered-To: \(recipient)\r\n".utf8) + bytes)
        }
        // Several recipients: no Delivered-To, the same bytes for all.
        let shared = message.stored(deliveredTo: nil)
        #expect(shared.summary == MessageSummary(parsing: shared.bytes), "\(name) without Delivered-To")
        #expect(shared.bytes == Array("Return-Path: <s@example.org>\r\n".utf8) + bytes)
        // A Sieve edit is parsed by the store.
        #expect(message.stored(deliveredTo: "a@b.c", edited: Array("X: y\r\n\r\n".utf8)).summary == nil)
    }

    @Test("a redirect already made by this user is not sent again (loop)")
    func redirectLoop() {
        let once = IncomingMessage(bytes: Array("X-Sieve-Redirected-From: Alice@Example.test\r\nSubject: x\r\n\r\nb\r\n".utf8),
                                   sender: "s@example.org", receivedAt: 0)
        #expect(SieveOutboundMessages.redirect(once, content: once.bytes, to: "z@example.net", userAddress: "alice@example.test") == nil)
        let fresh = IncomingMessage(bytes: Array("Subject: x\r\n\r\nb\r\n".utf8), sender: "s@example.org", receivedAt: 0)
        let sent = SieveOutboundMessages.redirect(fresh, content: fresh.bytes, to: "z@example.net", userAddress: "alice@example.test")
        #expect(sent?.sender == "s@example.org")
        #expect(sent?.recipients == ["z@example.net"])
        #expect(sent.map { String(decoding: $0.content, as: UTF8.self) } == "X-Sieve-Redirected-From: alice@example.test\r\nSubject: x\r\n\r\nb\r\n")
    }

    /// The vacation response a script with `subject` asks for.
    static func vacationResponse(subject: String) throws -> VacationResponse {
        let bytes = Array("From: s@example.org\r\nTo: a@example.test\r\nSubject: x\r\n\r\nb\r\n".utf8)
        let script = try SieveScript(compiling: "require \"vacation\"; vacation :subject \"\(subject)\" \"r\";")
        let environment = SieveEnvironment(message: MIMEMessage(parsing: bytes), size: bytes.count,
                                           envelopeFrom: "s@example.org", envelopeTo: "a@example.test")
        for case .vacation(let response) in SieveInterpreter.run(script, in: environment).actions { return response }
        throw VacationMissing()
    }

    struct VacationMissing: Error {}

    @Test("vacation: a subject cannot add header fields; non-ASCII subjects are encoded words")
    func vacationHeaders() throws {
        let original = MIMEMessage(parsing: Array("Subject: x\r\n\r\nb\r\n".utf8))
        func render(_ subject: String) throws -> String {
            let response = try Self.vacationResponse(subject: subject)
            let message = SieveOutboundMessages.vacation(response, userAddress: "a@example.test", original: original,
                                                         hostname: "mx.example.test", date: Date())
            #expect(message.sender == "")
            return String(decoding: message.content, as: UTF8.self)
        }
        let injected = try render("Away\r\nBcc: victim@example.net")
        #expect(injected.contains("Subject: Away Bcc: victim@example.net\r\n"))
        #expect(!injected.contains("\r\nBcc:"))
        #expect(!injected.contains("In-Reply-To"))
        let subject = "Abwesend bis Montag – Grüße"
        #expect(try render(subject).contains("Subject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?=\r\n"))
    }

    @Test("the vacation tracker answers a sender once per interval and handle")
    func tracker() throws {
        let tracker = VacationTracker(home: try Self.temporaryDirectory())
        #expect(try tracker.claim(handle: "h", sender: "S@example.org", interval: 100, now: 1000))
        #expect(try !tracker.claim(handle: "h", sender: "s@example.org", interval: 100, now: 1050))
        #expect(try tracker.claim(handle: "other", sender: "s@example.org", interval: 100, now: 1050))
        #expect(try tracker.claim(handle: "h", sender: "s@example.org", interval: 100, now: 1101))
    }

    @Test("a changed script file is compiled again; an unchanged one comes from the cache")
    func cache() throws {
        let path = try Self.temporaryDirectory() + "/s.sieve"
        let cache = CompiledScriptCache()
        try "keep;".write(toFile: path, atomically: true, encoding: .utf8)
        guard case .compiled(let first) = cache.script(at: path) else { Issue.record("did not compile"); return }
        #expect(first.commands.count == 1)
        try "discard; stop;".write(toFile: path, atomically: true, encoding: .utf8)
        guard case .compiled(let second) = cache.script(at: path) else { Issue.record("did not compile"); return }
        #expect(second.commands.count == 2)
        try "if true {".write(toFile: path, atomically: true, encoding: .utf8)
        guard case .failed(let message) = cache.script(at: path) else { Issue.record("compiled a broken script"); return }
        #expect(message.hasPrefix("\(path):1:"))
        #expect(cache.script(at: path + ".missing") == nil)
    }

    @Test("the chain stops at the first script that cancels the keep; only one vacation per message")
    func chain() throws {
        let directory = try Self.temporaryDirectory()
        try "require \"vacation\"; vacation \"first\"; keep;".write(toFile: "\(directory)/1.sieve", atomically: true, encoding: .utf8)
        try "require \"vacation\"; vacation \"second\"; discard;".write(toFile: "\(directory)/2.sieve", atomically: true, encoding: .utf8)
        try "require \"fileinto\"; fileinto \"Never\";".write(toFile: "\(directory)/3.sieve", atomically: true, encoding: .utf8)
        let chain = SieveScriptChain(before: [directory], after: [], cache: CompiledScriptCache())
        let bytes = Array("From: s@example.org\r\nTo: a@example.test\r\nSubject: x\r\n\r\nb\r\n".utf8)
        let environment = SieveEnvironment(message: MIMEMessage(parsing: bytes), size: bytes.count,
                                           envelopeFrom: "s@example.org", envelopeTo: "a@example.test")
        let outcome = chain.run(personal: nil, environment: environment, logger: Self.logger)
        // The second script discards: its vacation is dropped as a second reply, the first script's
        // keep is overridden, and the third script never runs.
        #expect(outcome.scriptsRun == 2)
        #expect(outcome.actions.count == 1)
        #expect(outcome.actions.contains { if case .vacation(let v) = $0 { v.reason == "first" } else { false } })
    }
}
