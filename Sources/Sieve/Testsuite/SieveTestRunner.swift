import MailMessage

/// Reads the files a test script refers to: sub-scripts for `test_script_compile` and
/// `test_multiscript`, included scripts (`included/NAME.sieve`, `included-global/NAME.sieve`).
public protocol SieveTestFileSource {
    /// The text of the file at `path`, relative to the test file's directory; `nil` when there is none.
    func text(at path: String) -> String?
}

/// The outcome of one `test` block.
public struct SieveTestOutcome: Hashable, Sendable {
    public enum Status: Hashable, Sendable {
        case succeeded
        case failed(String)
        /// The block used a setting this engine does not have.
        case skipped(String)
    }

    /// 1-based, in the order the blocks ran.
    public var number: Int
    public var name: String
    public var status: Status

    /// `NN: Test 'name' SUCCEEDED`, `… FAILED: reason` or `… SKIPPED: reason`, as Pigeonhole prints it.
    public var line: String {
        let number = number < 10 ? " \(number)" : "\(number)"
        switch status {
        case .succeeded: return "\(number): Test '\(name)' SUCCEEDED"
        case .failed(let reason): return "\(number): Test '\(name)' FAILED: \(reason)"
        case .skipped(let reason): return "\(number): Test '\(name)' SKIPPED: \(reason)"
        }
    }
}

/// What running one test file found.
public struct SieveTestReport: Hashable, Sendable {
    public var outcomes: [SieveTestOutcome]
    /// Why the file as a whole failed (it did not compile, or failed outside a test block), if it did.
    public var fileFailure: String?

    public var passed: Int { outcomes.filter { $0.status == .succeeded }.count }
    /// Failed blocks, plus one when the file itself failed.
    public var failed: Int {
        outcomes.filter { if case .failed = $0.status { true } else { false } }.count + (fileFailure == nil ? 0 : 1)
    }
    public var skipped: Int {
        outcomes.filter { if case .skipped = $0.status { true } else { false } }.count
    }

    /// One line per test block, then the file's failure if any, then `N passed, M failed`.
    public var lines: [String] {
        var lines = outcomes.map(\.line)
        if let fileFailure { lines.append("Test case FAILED: \(fileFailure)") }
        lines.append("\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : ""))
        return lines
    }
}

/// Runs Sieve test files written with the `vnd.dovecot.testsuite` extension, which only this runner
/// registers: it compiles the file, runs it once from top to bottom, and reports each `test` block.
///
/// Pure: files come from a ``SieveTestFileSource``; messages the scripts store or send stay in
/// memory; time is fixed by the caller.
public struct SieveTestRunner {
    /// Where the test file lives, as `${tst.path}` shows it.
    public var directory: String
    public var source: any SieveTestFileSource
    /// Seconds since 1970 for `currentdate`.
    public var now: Int

    public init(directory: String, source: any SieveTestFileSource, now: Int = 0) {
        self.directory = directory
        self.source = source
        self.now = now
    }

    /// Compiles and runs the test script `text`.
    public func run(_ text: String) -> SieveTestReport {
        let script: SieveScript
        do {
            script = try SieveScript(compiling: text, dialect: .testsuite)
        } catch {
            return SieveTestReport(outcomes: [], fileFailure: "does not compile: \(error)")
        }
        let harness = SieveTestHarness(directory: directory, source: source, now: now)
        var run = SieveRun(environment: harness.defaultEnvironment(), script: script, limits: harness.limits,
                           loader: harness, host: harness)
        run.duplicates = harness.duplicates
        _ = run.execute(script.commands)
        var fileFailure: String?
        if let error = run.error { fileFailure = "runtime error: \(error)" }
        return SieveTestReport(outcomes: harness.outcomes, fileFailure: fileFailure)
    }
}
