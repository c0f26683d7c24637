import struct NIOCore.ByteBuffer

extension GrammarParser {
    // flag = "\Answered" / "\Flagged" / "\Deleted" / "\Seen" / "\Draft" / flag-keyword / flag-extension
    // flag-extension = "\" atom
    // flag-keyword   = "$MDNSent" / "$Forwarded" / "$Junk" / "$NotJunk" / "$Phishing" / atom
    static func parseFlag(_ buffer: inout ParseBuffer) throws -> Flag {
        try buffer.composite { buffer in
            if try buffer.peek() == UInt8(ascii: "\\") {
                buffer.readerIndex += 1
                return Flag("\\" + (try parseAtom(&buffer)))
            }
            return .keyword(try parseAtom(&buffer))
        }
    }

    // flag-list = "(" [flag *(SP flag)] ")"
    static func parseFlagList(_ buffer: inout ParseBuffer) throws -> [Flag] {
        try buffer.parenthesizedList(allowEmpty: true, parseFlag)
    }

    // flag-keyword (for SEARCH KEYWORD/UNKEYWORD)
    static func parseFlagKeyword(_ buffer: inout ParseBuffer) throws -> String {
        try parseAtom(&buffer)
    }
}
