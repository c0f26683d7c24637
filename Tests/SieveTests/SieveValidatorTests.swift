import Testing

@testable import Sieve

@Suite("Sieve validator")
struct SieveValidatorTests {
    private func validate(_ script: String) throws -> Set<String> {
        try SieveValidator.validate(try SieveParser.parse(script))
    }

    @Test("valid scripts pass and report their extensions")
    func valid() throws {
        #expect(try validate(SieveParserTests.rfcExample) == ["fileinto"])
        #expect(try validate("keep;").isEmpty)
        let script = """
            require ["fileinto", "copy", "imap4flags", "subaddress", "envelope"];
            if allof (address :detail :is "to" "lists", not exists "X-Spam", size :under 1M) {
                fileinto :copy :flags ["\\\\Seen"] "Lists";
            } elsif envelope :all :matches "from" "*@example.org" {
                redirect :copy "archive@example.org";
                stop;
            } else {
                keep :flags "\\\\Flagged";
            }
            """
        #expect(try validate(script) == ["fileinto", "copy", "imap4flags", "subaddress", "envelope"])
    }

    @Test("errors name the place and the problem", arguments: [
        ("frobnicate;", "1:1: unknown command 'frobnicate'"),
        ("fileinto \"x\";", "1:1: command 'fileinto' needs require \"fileinto\""),
        ("require \"vnd.nope\";", "1:9: unsupported extension 'vnd.nope'"),
        ("keep;\nrequire \"fileinto\";", "2:1: 'require' must come before every other command"),
        ("if true { require \"fileinto\"; }", "1:11: 'require' must come before every other command"),
        ("elsif true { keep; }", "1:1: 'elsif' without a preceding 'if'"),
        ("if true { keep; }\nkeep;\nelse { keep; }", "3:1: 'else' without a preceding 'if'"),
        ("if true;", "1:1: 'if' needs a block"),
        ("keep { stop; }", "1:1: 'keep' takes no block"),
        ("if frob { keep; }", "1:4: unknown test 'frob'"),
        ("if header :is \"a\" { keep; }", "1:4: test 'header' takes 2 argument(s), got 1"),
        ("if header :is :contains \"a\" \"b\" { keep; }", "1:15: ':contains' conflicts with ':is'"),
        ("if header :is :is \"a\" \"b\" { keep; }", "1:15: tag ':is' given twice"),
        ("if header :regex \"a\" \"b\" { keep; }", "1:11: tag ':regex' needs require \"regex\""),
        ("if header \"a\" :is \"b\" { keep; }", "1:15: tag ':is' after the positional arguments of 'header'"),
        ("if header :comparator [\"a\",\"b\"] \"a\" \"b\" { keep; }", "1:11: tag ':comparator' needs a string"),
        ("if size 10 { keep; }", "1:4: 'size' needs :over or :under"),
        ("if size :over \"10\" { keep; }", "1:15: test 'size' expects a number here"),
        ("if address :user \"to\" \"a\" { keep; }", "1:12: tag ':user' needs require \"subaddress\""),
        ("if not (true, false) { keep; }", "1:4: test 'not' needs exactly one test"),
        ("if true false { keep; }", "1:4: test 'true' takes no test"),
        ("redirect [\"a\", \"b\"];", "1:10: command 'redirect' expects a string here"),
        ("keep :frob;", "1:6: unknown tag ':frob' for command 'keep'"),
        ("require \"regex\"; if header :regex \"subject\" \"a(b\" { keep; }", "1:45: invalid regular expression 'a(b'"),
    ])
    func errors(script: String, message: String) {
        let error = #expect(throws: SieveSyntaxError.self) { try validate(script) }
        #expect(error?.description == message)
    }
}
