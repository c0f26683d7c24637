/// Parses the frames ``FramingParser`` cuts: commands, and the answers to AUTHENTICATE
/// challenges. Pure: bytes in, values out.
public enum CommandParser {
    /// Parses one command.
    public static func parseCommand(_ frame: [UInt8]) -> Result<ManageSieveCommand, CommandError> {
        var parser = GrammarParser(frame)
        return Result { () throws(CommandError) in try parser.parseCommand() }
    }

    /// Parses the answer to an AUTHENTICATE challenge.
    public static func parseSASLResponse(_ frame: [UInt8]) -> Result<SASLResponse, CommandError> {
        var parser = GrammarParser(frame)
        return Result { () throws(CommandError) in try parser.parseSASLResponse() }
    }
}

/// The cursor the parse functions move over one frame.
struct GrammarParser {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var atEnd: Bool { index == bytes.count }

    var next: UInt8? { atEnd ? nil : bytes[index] }

    mutating func expect(_ byte: UInt8, _ what: String) throws(CommandError) {
        guard next == byte else { throw .syntax("expected \(what)") }
        index += 1
    }

    /// The separator between arguments: one space, more tolerated.
    mutating func parseSpace() throws(CommandError) {
        try expect(UInt8(ascii: " "), "a space")
        while next == UInt8(ascii: " ") { index += 1 }
    }

    mutating func parseEnd() throws(CommandError) {
        guard atEnd else { throw .syntax("expected the end of the line") }
    }
}
