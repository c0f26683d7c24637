/// Runs a script against a message (RFC 5228 §2.10): tests are evaluated, actions collected;
/// the implicit keep stays unless an action cancels it; duplicate actions are merged; a failure
/// at run time leaves only the implicit keep.
public enum SieveInterpreter {
    /// Runs `script` on `environment`, within `limits`; `include` reads scripts from `loader`,
    /// `duplicate` asks `duplicates`.
    public static func run(
        _ script: SieveScript,
        in environment: SieveEnvironment,
        limits: SieveLimits = SieveLimits(),
        loader: (any SieveScriptLoader)? = nil,
        duplicates: (any SieveDuplicateTracker)? = nil
    ) -> SieveResult {
        var run = SieveRun(environment: environment, script: script, limits: limits, loader: loader)
        run.duplicates = duplicates
        _ = run.execute(script.commands)
        return run.result()
    }
}

/// Why a run failed, and where.
struct SieveRuntimeError: Hashable, Sendable, CustomStringConvertible {
    var message: String
    var location: SourceLocation

    var description: String { "\(message) (\(location))" }
}

/// What the test runner adds to a run: the commands and tests of `vnd.dovecot.testsuite` and the
/// `tst` variable namespace.
protocol SieveRunHost: AnyObject {
    /// Runs a command the engine does not know; returns `false` when it ends the script.
    func execute(_ command: SieveCommand, in run: inout SieveRun) -> Bool
    /// Evaluates a test the engine does not know.
    func evaluate(_ test: SieveTest, in run: inout SieveRun) -> Bool
    /// The value of `${namespace.name}` for a namespace the host owns, or `nil` when it owns none.
    func variable(namespace: String, name: String) -> String?
}
