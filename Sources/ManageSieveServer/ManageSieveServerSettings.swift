import ManageSieveGrammar
import Sieve

/// Limits and names a ManageSieve listener uses, from the configuration.
public struct ManageSieveServerSettings: Sendable {
    /// The name in the greeting.
    public var hostname: String
    /// The largest script PUTSCRIPT and CHECKSCRIPT accept, in octets (`sieve.max_script_size`).
    public var maximumScriptSize: Int
    /// The most scripts a user may keep (`sieve.max_scripts`).
    public var maximumScripts: Int
    /// The largest literal accepted before login (SASL responses).
    public var maximumLoginLiteral: Int
    /// Failed logins after which the connection is closed.
    public var maximumAuthenticationFailures: Int
    /// Invalid commands after which the connection is closed.
    public var maximumInvalidCommands: Int
    /// The engine's limits, whose redirect count is advertised as MAXREDIRECTS.
    public var sieveLimits: SieveLimits

    public init(
        hostname: String,
        maximumScriptSize: Int = Int(ManageSieveDefaults.maximumScriptSize),
        maximumScripts: Int = 100,
        maximumLoginLiteral: Int = Int(ManageSieveDefaults.maximumLoginLiteralSize),
        maximumAuthenticationFailures: Int = 3,
        maximumInvalidCommands: Int = 20,
        sieveLimits: SieveLimits = SieveLimits()
    ) {
        self.hostname = hostname
        self.maximumScriptSize = maximumScriptSize
        self.maximumScripts = maximumScripts
        self.maximumLoginLiteral = maximumLoginLiteral
        self.maximumAuthenticationFailures = maximumAuthenticationFailures
        self.maximumInvalidCommands = maximumInvalidCommands
        self.sieveLimits = sieveLimits
    }
}
