/// The commands of RFC 5804 §2 and their arguments.
extension GrammarParser {
    // command = command-name *(SP argument) CRLF
    // command-name = "AUTHENTICATE" / "STARTTLS" / "LOGOUT" / "CAPABILITY" / "HAVESPACE" /
    //     "PUTSCRIPT" / "LISTSCRIPTS" / "SETACTIVE" / "GETSCRIPT" / "DELETESCRIPT" /
    //     "RENAMESCRIPT" / "CHECKSCRIPT" / "NOOP" / "UNAUTHENTICATE"
    mutating func parseCommand() throws(CommandError) -> ManageSieveCommand {
        let name = parseAtom()
        guard !name.isEmpty else { throw CommandError(.unknownCommand) }
        let command: ManageSieveCommand
        switch name.uppercased() {
        case "AUTHENTICATE": command = try parseCommand_authenticate()
        case "STARTTLS": command = .startTLS
        case "LOGOUT": command = .logout
        case "CAPABILITY": command = .capability
        case "HAVESPACE": command = try parseCommand_haveSpace()
        case "PUTSCRIPT":
            let name = try parseArgumentText()
            command = .putScript(name: name, script: try parseArgumentOctets())
        case "LISTSCRIPTS": command = .listScripts
        case "SETACTIVE": command = .setActive(name: try parseArgumentText())
        case "GETSCRIPT": command = .getScript(name: try parseArgumentText())
        case "DELETESCRIPT": command = .deleteScript(name: try parseArgumentText())
        case "RENAMESCRIPT":
            let from = try parseArgumentText()
            command = .renameScript(from: from, to: try parseArgumentText())
        case "CHECKSCRIPT": command = .checkScript(script: try parseArgumentOctets())
        case "NOOP": command = .noop(tag: try atEnd ? nil : parseArgumentText())
        case "UNAUTHENTICATE": command = .unauthenticate
        default: throw CommandError(.unknownCommand)
        }
        try parseEnd()
        return command
    }

    // authenticate = "AUTHENTICATE" SP auth-type [SP string] *(CRLF string)
    // auth-type = string
    private mutating func parseCommand_authenticate() throws(CommandError) -> ManageSieveCommand {
        let mechanism = try parseArgumentText()
        let initialResponse = try atEnd ? nil : parseArgumentText()
        return .authenticate(mechanism: mechanism, initialResponse: initialResponse)
    }

    // havespace = "HAVESPACE" SP sieve-name SP number
    private mutating func parseCommand_haveSpace() throws(CommandError) -> ManageSieveCommand {
        let name = try parseArgumentText()
        try parseSpace()
        return .haveSpace(name: name, size: try parseNumber())
    }

    // The answer to a challenge: a string, or "*" to cancel (RFC 5804 §2.1).
    mutating func parseSASLResponse() throws(CommandError) -> SASLResponse {
        let text = try parseText()
        try parseEnd()
        return text == "*" ? .cancel : .data(text)
    }

    /// A space and a string that must be UTF-8 text.
    private mutating func parseArgumentText() throws(CommandError) -> String {
        try parseSpace()
        return try parseText()
    }

    /// A space and a string taken as octets.
    private mutating func parseArgumentOctets() throws(CommandError) -> [UInt8] {
        try parseSpace()
        return try parseString()
    }

    private mutating func parseText() throws(CommandError) -> String {
        let octets = try parseString()
        guard let text = String(validating: octets, as: UTF8.self) else { throw .syntax("string is not valid UTF-8") }
        return text
    }

    // atom = 1*ATOM-CHAR (letters are all a command name needs)
    private mutating func parseAtom() -> String {
        let start = index
        while let byte = next, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte & 0xDF), byte & 0x80 == 0 { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    // number = 1*DIGIT ; a 32-bit unsigned number
    mutating func parseNumber() throws(CommandError) -> UInt64 {
        let start = index
        var value: UInt64 = 0
        while let byte = next, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
            guard value <= ManageSieveDefaults.maximumNumber else { throw .syntax("number larger than 32 bits") }
            index += 1
        }
        guard index > start else { throw .syntax("expected a number") }
        return value
    }
}
