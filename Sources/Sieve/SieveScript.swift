/// A script that parsed and validated, ready to run.
public struct SieveScript: Hashable, Sendable {
    public var commands: [SieveCommand]
    /// The extensions it requires.
    public var extensions: Set<String>

    /// Parses and validates `text`.
    /// - Throws: ``SieveSyntaxError`` with the line and column of the first problem.
    public init(compiling text: String, limits: SieveParser.Limits = SieveParser.Limits()) throws(SieveSyntaxError) {
        commands = try SieveParser.parse(text, limits: limits)
        extensions = try SieveValidator.validate(commands)
    }
}
