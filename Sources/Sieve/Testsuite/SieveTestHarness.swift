import MailMessage

/// The mutable state of one test file and the commands and tests of `vnd.dovecot.testsuite` that
/// work on it: the current message and envelope (in the run), the result, the captured outgoing
/// mail, the mail store, the configuration, the error log, and the compiled sub-scripts.
final class SieveTestHarness: SieveRunHost, SieveScriptLoader {
    let directory: String
    let source: any SieveTestFileSource
    let now: Int
    private(set) var outcomes: [SieveTestOutcome] = []
    var configuration = SieveTestConfiguration()
    var limits: SieveLimits { configuration.limits }
    var store = SieveTestMailStore()
    /// What `duplicate` remembers in the main script; sub-scripts run without it.
    let duplicates = InMemoryDuplicateTracker()
    /// Messages handed to the (captured) SMTP submitter since the last `test_result_reset`.
    var outbox: [SieveTestOutgoingMessage] = []
    /// Error messages since the last clear, without their positions.
    var errors: [String] = []
    /// The `line:column` of each error that has one (compile and runtime errors; not delivery errors).
    var errorLocations: [String] = []
    private var currentScript: SieveScript?
    private var binaries: [String: SieveScript] = [:]
    /// How many sub-script runs are active; 0 in the main script.
    private var runDepth = 0
    /// The run depth of the `test` block being run, if one is.
    private var testDepth: Int?
    /// Set when the current block uses a setting the engine lacks.
    private var skipReason: String?

    init(directory: String, source: any SieveTestFileSource, now: Int) {
        self.directory = directory
        self.source = source
        self.now = now
    }

    /// The message and envelope before any `test_set`.
    func defaultEnvironment() -> SieveEnvironment {
        var environment = SieveEnvironment(message: MIMEMessage(parsing: []), size: 0, envelopeFrom: "", envelopeTo: "",
                                           now: now)
        setMessage(Self.defaultMessage, in: &environment)
        return environment
    }

    static let defaultMessage = "From: sender@example.com\r\nTo: recipient@example.org\r\nSubject: Frop!\r\n\r\nFriep!\r\n"

    /// Makes `text` the current message (LF line ends become CRLF) and derives the envelope from it.
    func setMessage(_ text: String, in environment: inout SieveEnvironment) {
        let bytes = Array(SieveTestMailStore.crlf(text).utf8)
        environment.message = MIMEMessage(parsing: bytes)
        environment.size = bytes.count
        let message = environment.message
        func firstAddress(_ names: [String]) -> String? {
            for name in names {
                for field in message.fields(named: name) {
                    if let address = MailAddress.parseList(message.rawValue(of: field)).lazy.compactMap(\.address).first {
                        return address
                    }
                }
            }
            return nil
        }
        environment.envelopeTo = firstAddress(["Envelope-To", "To"]) ?? "recipient@example.com"
        environment.originalRecipient = environment.envelopeTo
        environment.envelopeFrom = firstAddress(["Return-Path", "Sender", "From"]) ?? "sender@example.com"
        environment.authenticatedUser = SieveTestConfiguration.runnerUser
        environment.items = configuration.environmentItems
        environment.mailboxes = store.names
        environment.specialUse = configuration.specialUse
        applyScanners(to: &environment)
    }

    /// Derives the spamtest and virustest values from the current message, as configured.
    private func applyScanners(to environment: inout SieveEnvironment) {
        let spam = configuration.scannerHeader("spamtest")?.value(in: environment.message, top: 10)
        environment.spamScore = spam?.value ?? 0
        environment.spamPercent = spam?.percent
        environment.virusScore = configuration.scannerHeader("virustest")?.value(in: environment.message, top: 5)?.value ?? 0
    }

    // MARK: - Commands

    func execute(_ command: SieveCommand, in run: inout SieveRun) -> Bool {
        let arguments = run.arguments(command.arguments)
        let strings = arguments.positional.map { $0.first ?? "" }
        switch command.name {
        case "test":
            return runTest(named: strings[0], block: command.block ?? [], in: &run)
        case "test_fail":
            guard testDepth == runDepth else { return run.fail("test_fail outside a test: \(strings[0])", at: command.location) }
            return failTest(strings[0], in: &run, at: command.location)
        case "test_set":
            testSet(strings[0].lowercased(), strings[1], in: &run)
        case "test_config_set":
            if let problem = configuration.set(strings[0], strings[1]) { return skip(problem, in: &run, at: command.location) }
        case "test_config_unset":
            if let problem = configuration.unset(strings[0]) { return skip(problem, in: &run, at: command.location) }
        case "test_config_reload":
            configuration.reload()
            run.environment.items = configuration.environmentItems
            run.environment.specialUse = configuration.specialUse
            applyScanners(to: &run.environment)
        case "test_result_reset":
            resetResult(&run)
            outbox = []
        case "test_message":
            if let problem = selectMessage(arguments, in: &run) { return failTest(problem, in: &run, at: command.location) }
        case "test_mailbox_create":
            store.create(strings[0])
            run.environment.mailboxes = store.names
        case "test_binary_save":
            guard let currentScript else { return failTest("no script compiled to save", in: &run, at: command.location) }
            binaries[strings[0]] = currentScript
        case "test_binary_load":
            guard let script = binaries[strings[0]] else {
                return failTest("no saved binary '\(strings[0])'", in: &run, at: command.location)
            }
            currentScript = script
        case "test_mailbox_delete":
            return failTest("test_mailbox_delete is not implemented", in: &run, at: command.location)
        case "test_result_print", "test_message_print":
            break
        default:
            return run.fail("command '\(command.name)' cannot run", at: command.location)
        }
        return true
    }

    /// Runs a `test` block and records its outcome; `false` when the file must end.
    private func runTest(named name: String, block: [SieveCommand], in run: inout SieveRun) -> Bool {
        testDepth = runDepth
        skipReason = nil
        defer { testDepth = nil }
        let number = outcomes.count + 1
        let finished = run.execute(block)
        if let reason = run.testFailure {
            run.testFailure = nil
            let status: SieveTestOutcome.Status = skipReason.map { .skipped($0) } ?? .failed(reason)
            outcomes.append(SieveTestOutcome(number: number, name: name, status: status))
            return true
        }
        if let error = run.error {
            outcomes.append(SieveTestOutcome(number: number, name: name, status: .failed("runtime error: \(error)")))
            return false
        }
        outcomes.append(SieveTestOutcome(number: number, name: name, status: .succeeded))
        return finished
    }

    /// Fails the current test, or the file outside a test.
    private func failTest(_ reason: String, in run: inout SieveRun, at location: SourceLocation) -> Bool {
        guard testDepth == runDepth else { return run.fail(reason, at: location) }
        run.testFailure = reason
        return false
    }

    private func skip(_ reason: String, in run: inout SieveRun, at location: SourceLocation) -> Bool {
        skipReason = reason
        return failTest(reason, in: &run, at: location)
    }

    private func testSet(_ object: String, _ value: String, in run: inout SieveRun) {
        switch object {
        case "message":
            setMessage(value, in: &run.environment)
        case "envelope.from":
            run.environment.envelopeFrom = SieveTestMailStore.smtpPath(value)
        case "envelope.to":
            run.environment.envelopeTo = SieveTestMailStore.smtpPath(value)
            run.environment.originalRecipient = run.environment.envelopeTo
        case "envelope.orig_to":
            run.environment.originalRecipient = SieveTestMailStore.smtpPath(value)
        default:
            run.environment.authenticatedUser = value
        }
    }

    /// Drops the result: its actions, its implicit keep and vacation state, and its errors.
    private func resetResult(_ run: inout SieveRun) {
        run.actions = []
        run.implicitKeep = true
        run.vacationSeen = false
        run.duplicateMarks = []
        run.error = nil
    }

    /// Makes an outgoing or stored message current; the problem when there is no such message.
    private func selectMessage(_ arguments: Arguments, in run: inout SieveRun) -> String? {
        let index = Int(clamping: arguments.number ?? 0)
        if let mailbox = arguments.stringList("folder")?.first {
            guard let messages = store.messages(in: mailbox), index < messages.count else {
                return "no message in folder '\(mailbox)' with index \(index)"
            }
            setMessage(String(decoding: messages[index].bytes, as: UTF8.self), in: &run.environment)
            run.flags = FlagList(messages[index].flags.sorted())
            return nil
        }
        guard index < outbox.count else { return "no outgoing SMTP message with index \(index)" }
        let outgoing = outbox[index]
        setMessage(String(decoding: outgoing.bytes, as: UTF8.self), in: &run.environment)
        run.environment.envelopeFrom = outgoing.from
        run.environment.envelopeTo = outgoing.to
        run.environment.originalRecipient = outgoing.to
        return nil
    }

    /// `${tst.path}` is the test file's directory; every other `tst.` name is empty.
    func variable(namespace: String, name: String) -> String? {
        guard namespace == "tst" else { return nil }
        return name == "path" ? directory : ""
    }

    /// `include :personal "x"` reads `included/x.sieve`, `:global` reads `included-global/x.sieve`.
    func script(named name: String, at location: SieveScriptLocation) -> String? {
        source.text(at: (location == .personal ? "included/" : "included-global/") + name + ".sieve")
    }

    // MARK: - Tests

    func evaluate(_ test: SieveTest, in run: inout SieveRun) -> Bool {
        let arguments = run.arguments(test.arguments)
        switch test.name {
        case "test_message":
            return selectMessage(arguments, in: &run) == nil
        case "test_result_execute":
            clearErrors()
            return SieveTestDelivery.execute(run, harness: self)
        case "test_script_compile":
            clearErrors()
            return compile(arguments.positional[0].first ?? "")
        case "test_script_run":
            clearErrors()
            guard let currentScript else { return false }
            return runSubScript(currentScript, appending: arguments.has("append_result"), in: &run)
        case "test_multiscript":
            clearErrors()
            return runMultiscript(arguments.positional[0], in: &run)
        case "test_error":
            return matchIndexed(errors, arguments, in: &run)
        case "test_error_location":
            return matchIndexed(errorLocations, arguments, in: &run)
        case "test_result_action":
            let names = run.mergedActions(includingImplicitKeep: false).map(\.testsuiteName)
                + run.duplicateMarks.map { _ in "duplicate_mark" }
            return matchIndexed(names, arguments, in: &run)
        default:
            _ = run.fail("test '\(test.name)' cannot run", at: test.location)
            return false
        }
    }

    private func clearErrors() {
        errors = []
        errorLocations = []
    }

    /// Matches the values (all, or the `:index`-th, 1-based) against the keys.
    private func matchIndexed(_ values: [String], _ arguments: Arguments, in run: inout SieveRun) -> Bool {
        var values = values
        if let index = arguments.numberTag("index"), index > 0 {
            values = index <= UInt64(values.count) ? [values[Int(index) - 1]] : []
        }
        return run.match(arguments.matcher, values, arguments.positional[0])
    }

    /// Compiles a file next to the test file and makes it the current sub-script.
    private func compile(_ path: String) -> Bool {
        guard let text = source.text(at: path) else {
            errors.append("cannot read script '\(path)'")
            return false
        }
        do {
            currentScript = try SieveScript(compiling: text, dialect: .testsuite, resourceLimits: limits)
            return true
        } catch {
            errors.append(error.message)
            errorLocations.append(error.location.description)
            return false
        }
    }

    /// Runs a sub-script on the current message; its actions become (or join) the result.
    private func runSubScript(_ script: SieveScript, appending: Bool, in run: inout SieveRun) -> Bool {
        var sub = SieveRun(environment: run.environment, script: script, limits: limits, loader: self, host: self)
        if appending {
            sub.actions = run.actions
            sub.implicitKeep = run.implicitKeep
            sub.flags = run.flags
        }
        let savedTestDepth = testDepth
        testDepth = nil
        runDepth += 1
        _ = sub.execute(script.commands)
        runDepth -= 1
        testDepth = savedTestDepth
        if let error = sub.error ?? sub.testFailure.map({ SieveRuntimeError(message: "test_fail: \($0)", location: script.location) }) {
            errors.append(error.message)
            errorLocations.append(error.location.description)
            resetResult(&run)
            return false
        }
        if let conflict = sub.result().runtimeError {
            errors.append(conflict)
            return false
        }
        run.actions = sub.actions
        run.implicitKeep = sub.implicitKeep
        run.flags = sub.flags
        run.environment.message = sub.environment.message
        run.environment.size = sub.environment.size
        return true
    }

    /// Runs scripts one after another as one delivery and executes the shared result.
    private func runMultiscript(_ paths: [String], in run: inout SieveRun) -> Bool {
        resetResult(&run)
        for path in paths {
            guard compile(path), let script = currentScript else { return false }
            // Each script starts with the implicit keep; the last script's keep is the one that stands.
            run.implicitKeep = true
            guard runSubScript(script, appending: true, in: &run) else { return false }
        }
        return SieveTestDelivery.execute(run, harness: self)
    }
}

extension SieveScript {
    /// Where runtime problems that belong to no command are reported.
    fileprivate var location: SourceLocation { commands.first?.location ?? SourceLocation(line: 1, column: 1) }
}

extension SieveAction {
    /// The action's name as `test_result_action` matches it.
    var testsuiteName: String {
        switch self {
        case .keep: "keep"
        case .fileInto: "store"
        case .redirect: "redirect"
        case .reject: "reject"
        case .discard: "discard"
        case .vacation: "vacation"
        case .notify: "notify"
        }
    }
}
