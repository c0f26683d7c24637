import MailMessage
import Testing

import Sieve

/// Scripts by name, as a server would hand them to `include`.
private struct ScriptTable: SieveScriptLoader {
    var personal: [String: String] = [:]
    var global: [String: String] = [:]

    func script(named name: String, at location: SieveScriptLocation) -> String? {
        location == .personal ? personal[name] : global[name]
    }
}

@Suite("Sieve delivery API")
struct SieveDeliveryAPITests {
    private let message = "From: a@example.com\r\nTo: b@example.org\r\nMessage-ID: <m1@example.com>\r\nSubject: s\r\n\r\nbody\r\n"

    private func environment() -> SieveEnvironment {
        let bytes = Array(message.utf8)
        return SieveEnvironment(message: MIMEMessage(parsing: bytes), size: bytes.count,
                                envelopeFrom: "a@example.com", envelopeTo: "b@example.org", now: 1000)
    }

    @Test("include reads personal and global scripts through the loader")
    func include() throws {
        let loader = ScriptTable(personal: ["lists": "require \"fileinto\"; fileinto \"Lists\";"],
                                 global: ["spam": "discard;"])
        let script = try SieveScript(compiling: "require \"include\"; include \"lists\"; include :global \"spam\";")
        let result = SieveInterpreter.run(script, in: environment(), loader: loader)
        #expect(result.actions == [.fileInto(mailbox: "Lists", flags: nil, create: false)])
        let missing = SieveInterpreter.run(try SieveScript(compiling: "require \"include\"; include \"nope\";"),
                                           in: environment(), loader: loader)
        #expect(missing.runtimeError?.contains("nope") == true)
        #expect(missing.actions == [.keep(flags: nil)])
    }

    @Test("duplicate asks the tracker; the result says what to record after delivery")
    func duplicate() throws {
        let tracker = InMemoryDuplicateTracker()
        let script = try SieveScript(compiling: "require \"duplicate\"; if duplicate { discard; }")
        let first = SieveInterpreter.run(script, in: environment(), duplicates: tracker)
        #expect(first.actions == [.keep(flags: nil)])
        #expect(first.duplicateMarks.count == 1)
        for mark in first.duplicateMarks { tracker.record(mark.key, until: mark.expiry) }
        let second = SieveInterpreter.run(script, in: environment(), duplicates: tracker)
        #expect(second.actions == [.discard])
        #expect(!tracker.contains(first.duplicateMarks[0].key, now: first.duplicateMarks[0].expiry))
    }

    @Test("every limit ends the run with a clear runtime error")
    func limits() throws {
        let loop = try SieveScript(compiling: "require \"fileinto\"; fileinto \"A\"; fileinto \"B\"; fileinto \"C\";")
        let actions = SieveInterpreter.run(loop, in: environment(), limits: SieveLimits(maximumActions: 2))
        #expect(actions.runtimeError?.contains("more than 2 actions") == true)
        let steps = SieveInterpreter.run(loop, in: environment(), limits: SieveLimits(maximumSteps: 2))
        #expect(steps.runtimeError?.contains("steps") == true)
        #expect(throws: SieveSyntaxError.self) {
            try SieveScript(compiling: String(repeating: "keep;", count: 10), resourceLimits: SieveLimits(maximumScriptSize: 20))
        }
    }

    @Test("notify is an action of its own; enotify's compile-time checks apply")
    func notify() throws {
        let script = try SieveScript(compiling: "require \"enotify\"; notify :importance \"1\" \"mailto:x@example.org\";")
        let result = SieveInterpreter.run(script, in: environment())
        #expect(result.actions.count == 2)
        #expect(result.actions.contains(.keep(flags: nil)))
        #expect(throws: SieveSyntaxError.self) {
            try SieveScript(compiling: "require \"enotify\"; notify \"sms:+1555\";")
        }
    }
}
