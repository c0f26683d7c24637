/// Parses a Sieve script into commands (RFC 5228 §8.2):
///
/// ```
/// commands  = *command
/// command   = identifier arguments (";" / block)
/// block     = "{" commands "}"
/// arguments = *argument [ test / test-list ]
/// argument  = string-list / number / tag
/// test      = identifier arguments
/// test-list = "(" test *("," test) ")"
/// ```
/// Nesting of blocks and tests is bounded by `maximumNesting`.
public struct SieveParser {
    /// Limits that keep a hostile script from costing unbounded time or memory to compile.
    public struct Limits: Sendable {
        public var maximumNesting: Int
        public var maximumStringLength: Int

        public init(maximumNesting: Int = 32, maximumStringLength: Int = 1 << 20) {
            self.maximumNesting = maximumNesting
            self.maximumStringLength = maximumStringLength
        }
    }

    private let tokens: [SieveToken]
    private var index = 0
    private let limits: Limits
    private let end: SourceLocation

    /// Parses `script`.
    /// - Throws: ``SieveSyntaxError`` at the first problem, with its line and column.
    public static func parse(_ script: String, limits: Limits = Limits()) throws(SieveSyntaxError) -> [SieveCommand] {
        var lexer = SieveLexer(script, maximumStringLength: limits.maximumStringLength)
        let tokens = try lexer.tokens()
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
        let end = SourceLocation(line: lines.count, column: (lines.last?.unicodeScalars.count ?? 0) + 1)
        var parser = SieveParser(tokens: tokens, limits: limits, end: end)
        let commands = try parser.commands(depth: 0)
        if let extra = parser.current {
            throw SieveSyntaxError(extra.location, "unexpected \(Self.describe(extra.kind))")
        }
        return commands
    }

    private init(tokens: [SieveToken], limits: Limits, end: SourceLocation) {
        self.tokens = tokens
        self.limits = limits
        self.end = end
    }

    private var current: SieveToken? { index < tokens.count ? tokens[index] : nil }
    private var location: SourceLocation { current?.location ?? end }

    private mutating func commands(depth: Int) throws(SieveSyntaxError) -> [SieveCommand] {
        var commands: [SieveCommand] = []
        while let token = current, case .identifier = token.kind {
            commands.append(try command(depth: depth))
        }
        return commands
    }

    private mutating func command(depth: Int) throws(SieveSyntaxError) -> SieveCommand {
        guard let token = current, case .identifier(let name) = token.kind else {
            throw SieveSyntaxError(location, "expected a command")
        }
        index += 1
        let (arguments, tests) = try argumentsAndTests(depth: depth)
        switch current?.kind {
        case .semicolon:
            index += 1
            return SieveCommand(name: name, arguments: arguments, tests: tests, block: nil, location: token.location)
        case .leftBrace:
            guard depth < limits.maximumNesting else {
                throw SieveSyntaxError(location, "blocks nested deeper than \(limits.maximumNesting)")
            }
            index += 1
            let block = try commands(depth: depth + 1)
            guard case .rightBrace = current?.kind else {
                throw SieveSyntaxError(location, "expected '}' to close the block of '\(name)'")
            }
            index += 1
            return SieveCommand(name: name, arguments: arguments, tests: tests, block: block, location: token.location)
        default:
            throw SieveSyntaxError(location, "expected ';' or '{' after '\(name)', found \(describeCurrent)")
        }
    }

    private mutating func argumentsAndTests(depth: Int) throws(SieveSyntaxError) -> ([SieveArgument], [SieveTest]) {
        var arguments: [SieveArgument] = []
        while let argument = try argument() {
            arguments.append(argument)
        }
        switch current?.kind {
        case .identifier:
            return (arguments, [try test(depth: depth + 1)])
        case .leftParenthesis:
            return (arguments, try testList(depth: depth + 1))
        default:
            return (arguments, [])
        }
    }

    private mutating func argument() throws(SieveSyntaxError) -> SieveArgument? {
        guard let token = current else { return nil }
        switch token.kind {
        case .string(let text):
            index += 1
            return SieveArgument(.string(text), at: token.location)
        case .number(let value):
            index += 1
            return SieveArgument(.number(value), at: token.location)
        case .tag(let name):
            index += 1
            return SieveArgument(.tag(name), at: token.location)
        case .leftBracket:
            index += 1
            var strings: [String] = []
            while true {
                guard case .string(let text) = current?.kind else {
                    throw SieveSyntaxError(location, "expected a string in the string list, found \(describeCurrent)")
                }
                strings.append(text)
                index += 1
                if case .comma = current?.kind {
                    index += 1
                    continue
                }
                guard case .rightBracket = current?.kind else {
                    throw SieveSyntaxError(location, "expected ',' or ']' in the string list, found \(describeCurrent)")
                }
                index += 1
                return SieveArgument(.stringList(strings), at: token.location)
            }
        default:
            return nil
        }
    }

    private mutating func test(depth: Int) throws(SieveSyntaxError) -> SieveTest {
        guard depth <= limits.maximumNesting else {
            throw SieveSyntaxError(location, "tests nested deeper than \(limits.maximumNesting)")
        }
        guard let token = current, case .identifier(let name) = token.kind else {
            throw SieveSyntaxError(location, "expected a test, found \(describeCurrent)")
        }
        index += 1
        let (arguments, tests) = try argumentsAndTests(depth: depth)
        return SieveTest(name: name, arguments: arguments, tests: tests, location: token.location)
    }

    private mutating func testList(depth: Int) throws(SieveSyntaxError) -> [SieveTest] {
        guard depth <= limits.maximumNesting else {
            throw SieveSyntaxError(location, "tests nested deeper than \(limits.maximumNesting)")
        }
        index += 1
        var tests: [SieveTest] = [try test(depth: depth)]
        while case .comma = current?.kind {
            index += 1
            tests.append(try test(depth: depth))
        }
        guard case .rightParenthesis = current?.kind else {
            throw SieveSyntaxError(location, "expected ',' or ')' in the test list, found \(describeCurrent)")
        }
        index += 1
        return tests
    }

    private var describeCurrent: String {
        current.map { Self.describe($0.kind) } ?? "the end of the script"
    }

    private static func describe(_ kind: SieveToken.Kind) -> String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .tag(let name): "':\(name)'"
        case .number(let value): "number \(value)"
        case .string: "a string"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .leftParenthesis: "'('"
        case .rightParenthesis: "')'"
        case .leftBrace: "'{'"
        case .rightBrace: "'}'"
        case .comma: "','"
        case .semicolon: "';'"
        }
    }
}
