import struct NIOCore.ByteBuffer

extension GrammarParser {
    // seq-number = nz-number / "*"
    static func parseSequenceNumber(_ buffer: inout ParseBuffer) throws -> SequenceNumber {
        if try buffer.peek() == UInt8(ascii: "*") {
            buffer.readerIndex += 1
            return .star
        }
        return .number(try parseNZNumber(&buffer))
    }

    // seq-range = seq-number ":" seq-number
    static func parseSequenceRange(_ buffer: inout ParseBuffer) throws -> SequenceRange {
        try buffer.composite { buffer in
            let first = try parseSequenceNumber(&buffer)
            guard try buffer.peek() == UInt8(ascii: ":") else { return SequenceRange(first) }
            buffer.readerIndex += 1
            return SequenceRange(first, try parseSequenceNumber(&buffer))
        }
    }

    // sequence-set     = (seq-number / seq-range) ["," sequence-set]
    // sequence-set     =/ seq-last-command
    // seq-last-command = "$"
    static func parseSequenceSet(_ buffer: inout ParseBuffer) throws -> SequenceSet {
        try buffer.composite { buffer in
            if try buffer.peek() == UInt8(ascii: "$") {
                buffer.readerIndex += 1
                return .lastCommand
            }
            var ranges = [try parseSequenceRange(&buffer)]
            while try buffer.peek() == UInt8(ascii: ",") {
                buffer.readerIndex += 1
                ranges.append(try parseSequenceRange(&buffer))
            }
            // A set must end at a delimiter, not run into garbage such as "1:2x".
            let next = try buffer.peek()
            guard next == UInt8(ascii: " ") || next == UInt8(ascii: ")") || next == UInt8(ascii: "\r")
                || next == UInt8(ascii: "\n")
            else { throw ParserError(hint: "invalid sequence set") }
            return .ranges(ranges)
        }
    }
}
