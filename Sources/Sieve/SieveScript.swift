/// A script that parsed and validated, ready to run.
public struct SieveScript: Hashable, Sendable {
    public var commands: [SieveCommand]
    /// The extensions it requires.
    public var extensions: Set<String>

    /// Parses and validates `text`.
    /// - Throws: ``SieveSyntaxError`` with the line and column of the first problem, or at 1:1 when
    ///   the script is longer than `limits.maximumScriptSize` octets.
    public init(
        compiling text: String,
        limits: SieveParser.Limits = SieveParser.Limits(),
        resourceLimits: SieveLimits = SieveLimits()
    ) throws(SieveSyntaxError) {
        try self.init(compiling: text, dialect: .standard, limits: limits, resourceLimits: resourceLimits)
    }

    /// Parses and validates `text` against `dialect`.
    init(
        compiling text: String,
        dialect: SieveDialect,
        limits: SieveParser.Limits = SieveParser.Limits(),
        resourceLimits: SieveLimits = SieveLimits()
    ) throws(SieveSyntaxError) {
        guard text.utf8.count <= resourceLimits.maximumScriptSize else {
            throw SieveSyntaxError(SourceLocation(line: 1, column: 1),
                                   "script larger than \(resourceLimits.maximumScriptSize) octets")
        }
        commands = try SieveParser.parse(text, limits: limits)
        extensions = try SieveValidator.validate(commands, dialect: dialect)
        if extensions.contains("encoded-character") {
            commands = try commands.map(Self.decodingCharacters)
        }
    }

    private static func decodingCharacters(_ command: SieveCommand) throws(SieveSyntaxError) -> SieveCommand {
        var command = command
        command.arguments = try command.arguments.map(decodingCharacters)
        command.tests = try command.tests.map(decodingCharacters)
        command.block = try command.block?.map(decodingCharacters)
        return command
    }

    private static func decodingCharacters(_ test: SieveTest) throws(SieveSyntaxError) -> SieveTest {
        var test = test
        test.arguments = try test.arguments.map(decodingCharacters)
        test.tests = try test.tests.map(decodingCharacters)
        return test
    }

    private static func decodingCharacters(_ argument: SieveArgument) throws(SieveSyntaxError) -> SieveArgument {
        do {
            switch argument.value {
            case .string(let text):
                return SieveArgument(.string(try EncodedCharacters.decode(text)), at: argument.location)
            case .stringList(let texts):
                return SieveArgument(.stringList(try texts.map { text throws(EncodedCharacterError) in
                    try EncodedCharacters.decode(text)
                }), at: argument.location)
            default:
                return argument
            }
        } catch {
            throw SieveSyntaxError(argument.location, "'\(error.value)' is not a Unicode character")
        }
    }
}

extension SieveScript {
    /// The extensions scripts may require, sorted (ManageSieve's SIEVE capability, RFC 5804 §1.7).
    public static let supportedExtensions: [String] = SieveSignature.knownExtensions.sorted()
}
