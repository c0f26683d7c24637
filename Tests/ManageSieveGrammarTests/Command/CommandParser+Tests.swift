import ManageSieveGrammar
import Testing

@Suite("CommandParser")
struct CommandParserTests {
    static let commands: [(String, ManageSieveCommand)] = [
        ("AUTHENTICATE \"PLAIN\"", .authenticate(mechanism: "PLAIN", initialResponse: nil)),
        ("Authenticate \"PLAIN\" \"AGEAYg==\"", .authenticate(mechanism: "PLAIN", initialResponse: "AGEAYg==")),
        ("AUTHENTICATE \"SCRAM-SHA-256\" {8+}\r\nbj0sbj1h", .authenticate(mechanism: "SCRAM-SHA-256", initialResponse: "bj0sbj1h")),
        ("STARTTLS", .startTLS),
        ("logout", .logout),
        ("CAPABILITY", .capability),
        ("HAVESPACE \"main\" 4294967295", .haveSpace(name: "main", size: 4_294_967_295)),
        ("PUTSCRIPT \"main\" {7+}\r\nkeep;\r\n", .putScript(name: "main", script: Array("keep;\r\n".utf8))),
        ("PUTSCRIPT {4}\r\nmain \"keep;\"", .putScript(name: "main", script: Array("keep;".utf8))),
        ("LISTSCRIPTS", .listScripts),
        ("SETACTIVE \"\"", .setActive(name: "")),
        ("SETACTIVE \"Ferien \\\"2026\\\" \\\\ Ω\"", .setActive(name: "Ferien \"2026\" \\ Ω")),
        ("GETSCRIPT \"main\"", .getScript(name: "main")),
        ("DELETESCRIPT \"main\"", .deleteScript(name: "main")),
        ("RENAMESCRIPT \"a\"  \"b\"", .renameScript(from: "a", to: "b")),
        ("CHECKSCRIPT {0+}\r\n", .checkScript(script: [])),
        ("NOOP", .noop(tag: nil)),
        ("NOOP \"x\"", .noop(tag: "x")),
        ("UNAUTHENTICATE", .unauthenticate),
    ]

    @Test("commands", arguments: commands)
    func command(_ wire: String, _ expected: ManageSieveCommand) {
        #expect(CommandParser.parseCommand(Array(wire.utf8)) == .success(expected))
    }

    static let errors: [(String, String)] = [
        ("", "Unknown command."),
        ("FROB", "Unknown command."),
        ("PUT SCRIPT", "Unknown command."),
        ("LISTSCRIPTS x", "Syntax error: expected the end of the line."),
        ("GETSCRIPT", "Syntax error: expected a space."),
        ("GETSCRIPT main", "Syntax error: expected a string."),
        ("GETSCRIPT \"main", "Syntax error: unterminated quoted string."),
        ("GETSCRIPT \"a\\b\"", "Syntax error: invalid escape in quoted string."),
        ("GETSCRIPT \"a\rb\"", "Syntax error: invalid character in quoted string."),
        ("GETSCRIPT \"" + String(repeating: "n", count: 1025) + "\"",
         "Syntax error: quoted string longer than 1024 octets; send a literal."),
        ("HAVESPACE \"a\" x", "Syntax error: expected a number."),
        ("HAVESPACE \"a\" 4294967296", "Syntax error: number larger than 32 bits."),
        ("HAVESPACE \"a\" 12x", "Syntax error: expected the end of the line."),
        ("GETSCRIPT {5+}\r\nab", "Syntax error: literal shorter than announced."),
        ("GETSCRIPT {2+}x", "Syntax error: expected the end of the line after a literal's size."),
        ("RENAMESCRIPT \"a\"", "Syntax error: expected a space."),
    ]

    @Test("refusals", arguments: errors)
    func refusal(_ wire: String, _ message: String) {
        guard case .failure(let error) = CommandParser.parseCommand(Array(wire.utf8)) else {
            Issue.record("\(wire) parsed")
            return
        }
        #expect(error.description == message)
    }

    @Test("a name must be UTF-8; a script may be any octets")
    func utf8() {
        let name = Array("GETSCRIPT {1+}\r\n".utf8) + [0xFF]
        #expect(CommandParser.parseCommand(name) == .failure(CommandError(.syntax("string is not valid UTF-8"))))
        let script = Array("CHECKSCRIPT {1+}\r\n".utf8) + [0xFF]
        #expect(CommandParser.parseCommand(script) == .success(.checkScript(script: [0xFF])))
    }

    @Test("SASL responses", arguments: [
        ("\"\"", SASLResponse.data("")),
        ("\"AGEAYg==\"", .data("AGEAYg==")),
        ("{4+}\r\nAGEA", .data("AGEA")),
        ("\"*\"", .cancel),
    ])
    func saslResponse(_ wire: String, _ expected: SASLResponse) {
        #expect(CommandParser.parseSASLResponse(Array(wire.utf8)) == .success(expected))
    }

    @Test("SASL responses that are not one string", arguments: ["*", "AGEA", "\"a\" \"b\"", ""])
    func saslRefusal(_ wire: String) {
        guard case .failure = CommandParser.parseSASLResponse(Array(wire.utf8)) else {
            Issue.record("\(wire) parsed")
            return
        }
    }
}
