/// The language one compilation accepts: the commands, tests and extensions of the engine, and in
/// the test runner the `vnd.dovecot.testsuite` extension besides, which normal scripts never see.
struct SieveDialect: Sendable {
    var commands: [String: SieveSignature]
    var tests: [String: SieveSignature]
    var extensions: Set<String>

    /// What delivery scripts may use.
    static let standard = SieveDialect(
        commands: SieveSignature.commands, tests: SieveSignature.tests, extensions: SieveSignature.knownExtensions
    )

    /// The standard language plus the test runner's commands and tests.
    static let testsuite = SieveDialect(
        commands: SieveSignature.commands.merging(SieveSignature.testsuiteCommands) { $1 },
        tests: SieveSignature.tests.merging(SieveSignature.testsuiteTests) { $1 },
        extensions: SieveSignature.knownExtensions.union([SieveSignature.testsuiteExtension])
    )
}
