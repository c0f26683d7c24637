/// The resource limits of one script run, each enforced with a clear error: a script over a limit
/// fails to compile, a run over a limit ends in a runtime error and the implicit keep
/// (RFC 5228 §2.10.6). The defaults follow Pigeonhole's.
public struct SieveLimits: Hashable, Sendable {
    /// Octets of script text.
    public var maximumScriptSize: Int
    /// Actions in one result (keep, fileinto, redirect, vacation, notify …).
    public var maximumActions: Int
    /// `redirect` actions in one result (RFC 5228 §4.2 invites a limit against mail loops).
    public var maximumRedirects: Int
    /// Commands and tests evaluated in one run: the engine's measure of CPU time.
    public var maximumSteps: Int
    /// Characters of one variable's value (RFC 5229 §3 allows truncating longer values).
    public var maximumVariableSize: Int
    /// Variables one script may set.
    public var maximumVariables: Int
    /// How deep `include` may nest (RFC 6609 §3.2).
    public var maximumIncludeDepth: Int
    /// How many scripts one run may include in all.
    public var maximumIncludes: Int
    /// `notify` actions in one result (RFC 5435 §3.1 invites a limit).
    public var maximumNotifications: Int

    public init(
        maximumScriptSize: Int = 1 << 20,
        maximumActions: Int = 32,
        maximumRedirects: Int = 4,
        maximumSteps: Int = 1_000_000,
        maximumVariableSize: Int = 4096,
        maximumVariables: Int = 255,
        maximumIncludeDepth: Int = 10,
        maximumIncludes: Int = 255,
        maximumNotifications: Int = 12
    ) {
        self.maximumScriptSize = maximumScriptSize
        self.maximumActions = maximumActions
        self.maximumRedirects = maximumRedirects
        self.maximumSteps = maximumSteps
        self.maximumVariableSize = maximumVariableSize
        self.maximumVariables = maximumVariables
        self.maximumIncludeDepth = maximumIncludeDepth
        self.maximumIncludes = maximumIncludes
        self.maximumNotifications = maximumNotifications
    }
}
