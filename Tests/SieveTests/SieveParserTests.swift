import Testing

@testable import Sieve

@Suite("Sieve parser")
struct SieveParserTests {
    /// The example of RFC 5228 §9.
    static let rfcExample = """
        #
        # Example Sieve Filter
        # Declare any optional features or extension used by the script
        #
        require ["fileinto"];

        #
        # Handle messages from known mailing lists
        # Move messages from IETF filter discussion list to filter mailbox
        #
        if header :is "Sender" "owner-ietf-mta-filters@imc.org"
                {
                fileinto "filter";  # move to "filter" mailbox
                }
        #
        # Keep all messages to or from people in my company
        #
        elsif address :DOMAIN :is ["From", "To"] "example.com"
                {
                keep;               # keep in "In" mailbox
                }

        #
        # Try and catch unsolicited email.  If a message is not to me,
        # or it contains a subject known to be spam, file it away.
        #
        elsif anyof (NOT address :all :contains
                       ["To", "Cc", "Bcc"] "me@example.com",
                     header :matches "subject"
                       ["*make*money*fast*", "*university*dipl*mas*"])
                {
                fileinto "spam";   # move to "spam" mailbox
                }
        else
                {
                # Move all other (non-company) mail to "personal"
                # mailbox.
                fileinto "personal";
                }
        """

    @Test("the RFC 5228 §9 example parses into the expected tree")
    func rfcExample() throws {
        let commands = try SieveParser.parse(Self.rfcExample)
        #expect(commands.map(\.name) == ["require", "if", "elsif", "elsif", "else"])
        #expect(commands[0].arguments.map(\.value) == [.stringList(["fileinto"])])
        #expect(commands[0].location == SourceLocation(line: 5, column: 1))
        let first = commands[1]
        #expect(first.tests.map(\.name) == ["header"])
        #expect(first.tests[0].arguments.map(\.value) == [.tag("is"), .string("Sender"), .string("owner-ietf-mta-filters@imc.org")])
        #expect(first.block?.map(\.name) == ["fileinto"])
        #expect(first.block?[0].arguments.map(\.value) == [.string("filter")])
        // Tags and identifiers are case-insensitive.
        #expect(commands[2].tests[0].arguments.map(\.value) == [.tag("domain"), .tag("is"), .stringList(["From", "To"]), .string("example.com")])
        let anyof = commands[3].tests[0]
        #expect(anyof.name == "anyof")
        #expect(anyof.tests.map(\.name) == ["not", "header"])
        #expect(anyof.tests[0].tests[0].name == "address")
        #expect(anyof.tests[1].arguments.last?.value == .stringList(["*make*money*fast*", "*university*dipl*mas*"]))
        #expect(commands[4].block?[0].arguments.map(\.value) == [.string("personal")])
    }

    @Test("strings: escapes, multi-line with dot-stuffing and comment, CRLF line ends")
    func strings() throws {
        let script = "vacation :subject \"say \\\"hi\\\" \\\\ \\q\" text: # comment\r\nline one\r\n..dot\r\n\r\n.\r\n;\n"
        let commands = try SieveParser.parse(script)
        #expect(commands[0].arguments.map(\.value) == [
            .tag("subject"), .string("say \"hi\" \\ q"), .string("line one\r\n.dot\r\n\r\n"),
        ])
    }

    @Test("numbers take K, M and G quantifiers", arguments: [
        ("1", 1), ("10K", 10 * 1024), ("2M", 2 << 20), ("3G", 3 << 30), ("0", 0),
    ] as [(String, UInt64)])
    func numbers(text: String, value: UInt64) throws {
        let commands = try SieveParser.parse("if size :over \(text) { discard; }")
        #expect(commands[0].tests[0].arguments.last?.value == .number(value))
    }

    @Test("comments of both kinds and empty scripts")
    func comments() throws {
        #expect(try SieveParser.parse("").isEmpty)
        #expect(try SieveParser.parse("# only a comment").isEmpty)
        #expect(try SieveParser.parse("/* a\n * block */ keep; /**/").map(\.name) == ["keep"])
    }

    @Test("errors say line and column", arguments: [
        ("keep", "1:5: expected ';' or '{' after 'keep', found the end of the script"),
        ("if true { keep;", "1:16: expected '}' to close the block of 'if'"),
        ("fileinto \"unterminated;", "1:10: unterminated string"),
        ("keep;\n  /* open", "2:3: unterminated comment"),
        ("require [\"a\" \"b\"];", "1:14: expected ',' or ']' in the string list, found a string"),
        ("require [];", "1:10: expected a string in the string list, found ']'"),
        ("if anyof (true, ) { }", "1:17: expected a test, found ')'"),
        ("if anyof (true; false) { }", "1:15: expected ',' or ')' in the test list, found ';'"),
        ("keep; }", "1:7: unexpected '}'"),
        ("keep @;", "1:6: unexpected character '@'"),
        ("if size :over 99999999999999999999 {}", "1:15: number too large"),
        ("if size :over 17179869184G {}", "1:15: number too large"),
        ("if : {}", "1:4: expected a tag name after ':'"),
        ("reject text:\nno end\n", "1:8: multi-line string without its closing '.' line"),
        ("reject text: x\n.\n;", "1:14: expected a line end after 'text:'"),
    ])
    func errors(script: String, message: String) {
        let error = #expect(throws: SieveSyntaxError.self) { try SieveParser.parse(script) }
        #expect(error?.description == message)
    }

    @Test("hostile nesting and huge strings stop at the limits")
    func limits() throws {
        let deepBlocks = String(repeating: "if true {", count: 40) + String(repeating: "}", count: 40)
        #expect(throws: SieveSyntaxError.self) { try SieveParser.parse(deepBlocks) }
        let deepTests = "if " + String(repeating: "not ", count: 100) + "true { keep; }"
        #expect(throws: SieveSyntaxError.self) { try SieveParser.parse(deepTests) }
        let deepLists = "if " + String(repeating: "anyof(", count: 100) + "true" + String(repeating: ")", count: 100) + " {}"
        #expect(throws: SieveSyntaxError.self) { try SieveParser.parse(deepLists) }
        let huge = "fileinto \"" + String(repeating: "a", count: 2000) + "\";"
        #expect(throws: SieveSyntaxError.self) {
            try SieveParser.parse(huge, limits: .init(maximumNesting: 32, maximumStringLength: 1000))
        }
        #expect(try SieveParser.parse(String(repeating: "if true {", count: 30) + String(repeating: "}", count: 30)).count == 1)
    }
}

@Suite("Sieve encoded-character")
struct EncodedCharacterTests {
    @Test("sequences decode only when required", arguments: [
        (#"$${hex:24 24}"#, "$$$"),
        (#"${unicode:40}"#, "@"),
        (#"${ HEX : 40 }"#, "${ HEX : 40 }"),
        (#"${hex: 40 }"#, "@"),
        (#"${HEX:40}"#, "@"),
        (#"${hex:40"#, "${hex:40"),
        (#"${hex:400}"#, "${hex:400}"),
        (#"${unicode:263A 1F600}"#, "\u{263A}\u{1F600}"),
        (#"${hex:C3 A9}t${hex:C3A9}"#, "ét${hex:C3A9}"),
    ])
    func decoding(encoded: String, decoded: String) throws {
        let script = try SieveScript(compiling: "require [\"encoded-character\", \"fileinto\"]; fileinto \"\(encoded)\";")
        #expect(script.commands[1].arguments[0].value == .string(decoded))
        let plain = try SieveScript(compiling: "require \"fileinto\"; fileinto \"\(encoded)\";")
        #expect(plain.commands[1].arguments[0].value == .string(encoded))
    }

    @Test("a surrogate or out-of-range code point is a compile error")
    func invalid() {
        for value in ["D800", "110000"] {
            #expect(throws: SieveSyntaxError.self) {
                try SieveScript(compiling: "require [\"encoded-character\", \"fileinto\"]; fileinto \"${unicode:\(value)}\";")
            }
        }
    }
}
