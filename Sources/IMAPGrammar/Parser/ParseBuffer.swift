import struct NIOCore.ByteBuffer

/// A cursor over the bytes of one command, with the primitive combinators every grammar rule uses.
///
/// Every reader throws ``IncompleteMessage`` when it would have to look past the last byte, and
/// ``ParserError`` on a syntax error. ``composite(_:)`` and ``optional(_:)`` restore the reader
/// index when their body throws, so a failed rule leaves the buffer as it was.
struct ParseBuffer {
    var bytes: ByteBuffer
    var depth = 0
    let limits: IMAPLimits
    var options: ParserOptions
    var literalCount = 0

    init(_ bytes: ByteBuffer, limits: IMAPLimits, options: ParserOptions) {
        self.bytes = bytes
        self.limits = limits
        self.options = options
    }

    var readerIndex: Int {
        get { bytes.readerIndex }
        set { bytes.moveReaderIndex(to: newValue) }
    }

    var isEmpty: Bool { bytes.readableBytes == 0 }

    func peek(offset: Int = 0) throws -> UInt8 {
        guard let byte = bytes.getInteger(at: bytes.readerIndex + offset, as: UInt8.self),
            offset < bytes.readableBytes
        else { throw IncompleteMessage() }
        return byte
    }

    mutating func readByte() throws -> UInt8 {
        guard let byte = bytes.readInteger(as: UInt8.self) else { throw IncompleteMessage() }
        return byte
    }

    mutating func expect(_ byte: UInt8, _ hint: @autoclosure () -> String = "", file: String = #fileID, line: Int = #line) throws {
        let got = try peek()
        guard got == byte else {
            // The hint goes into a BAD response: name the byte, never write it raw (it may be a
            // line end or a space).
            let name = hint()
            throw ParserError(hint: "expected " + (name.isEmpty ? "\"\(Character(Unicode.Scalar(byte)))\"" : name), file: file, line: line)
        }
        bytes.moveReaderIndex(forwardBy: 1)
    }

    /// Exactly one space.
    mutating func space(file: String = #fileID, line: Int = #line) throws {
        try expect(UInt8(ascii: " "), "a space", file: file, line: line)
    }

    /// CRLF; a bare LF is accepted too (RFC 9051 §2.2 demands CRLF, but every server tolerates LF).
    mutating func newline() throws {
        if try peek() == UInt8(ascii: "\r") {
            bytes.moveReaderIndex(forwardBy: 1)
        }
        try expect(UInt8(ascii: "\n"), "the end of the line")
    }

    /// Consumes `word` if the buffer starts with it (ASCII case-insensitive); returns whether it did.
    /// Throws ``IncompleteMessage`` if the bytes so far match but are too few to decide.
    mutating func tryWord(_ word: String) throws -> Bool {
        var offset = 0
        for expected in word.utf8 {
            guard offset < bytes.readableBytes else { throw IncompleteMessage() }
            let got = bytes.getInteger(at: bytes.readerIndex + offset, as: UInt8.self)!
            if asciiUpper(got) != asciiUpper(expected) { return false }
            offset += 1
        }
        bytes.moveReaderIndex(forwardBy: offset)
        return true
    }

    mutating func expectWord(_ word: String, file: String = #fileID, line: Int = #line) throws {
        guard try tryWord(word) else { throw ParserError(hint: "expected \(word)", file: file, line: line) }
    }

    /// Reads bytes while `predicate` holds; at least `minimum`. Ends at the first byte that fails,
    /// so the caller's bytes must end with a terminator (every complete command ends with CRLF).
    mutating func read(
        minimum: Int = 1,
        maximum: Int = .max,
        hint: @autoclosure () -> String,
        file: String = #fileID,
        line: Int = #line,
        while predicate: (UInt8) -> Bool
    ) throws -> ByteBuffer {
        var count = 0
        let view = bytes.readableBytesView
        var index = view.startIndex
        while true {
            guard index < view.endIndex else { throw IncompleteMessage() }
            if !predicate(view[index]) { break }
            count += 1
            index += 1
            if count > maximum { throw ParserError(hint: "\(hint()) too long", file: file, line: line) }
        }
        guard count >= minimum else { throw ParserError(hint: "expected \(hint())", file: file, line: line) }
        return bytes.readSlice(length: count)!
    }

    mutating func readString(
        minimum: Int = 1,
        hint: @autoclosure () -> String,
        file: String = #fileID,
        line: Int = #line,
        while predicate: (UInt8) -> Bool
    ) throws -> String {
        let slice = try read(minimum: minimum, hint: hint(), file: file, line: line, while: predicate)
        return String(buffer: slice)
    }

    /// Runs `body`; if it throws, restores the reader index first.
    mutating func composite<T>(_ body: (inout ParseBuffer) throws -> T) throws -> T {
        let saved = bytes.readerIndex
        do {
            return try body(&self)
        } catch {
            bytes.moveReaderIndex(to: saved)
            throw error
        }
    }

    /// Runs `body`; on a syntax error restores the buffer and returns nil. Need-more-bytes propagates.
    mutating func optional<T>(_ body: (inout ParseBuffer) throws -> T) throws -> T? {
        let saved = bytes.readerIndex
        do {
            return try body(&self)
        } catch is ParserError {
            bytes.moveReaderIndex(to: saved)
            return nil
        } catch {
            bytes.moveReaderIndex(to: saved)
            throw error
        }
    }

    /// Runs `body` one nesting level deeper; throws ``TooMuchRecursion`` beyond the limit.
    mutating func nested<T>(_ body: (inout ParseBuffer) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= limits.maximumNestingDepth else { throw TooMuchRecursion(limit: limits.maximumNestingDepth) }
        return try body(&self)
    }

    /// `"(" element *(SP element) ")"`, or with `allowEmpty` also `"()"`.
    mutating func parenthesizedList<T>(allowEmpty: Bool = false, _ element: (inout ParseBuffer) throws -> T) throws -> [T] {
        try composite { buffer in
            try buffer.expect(UInt8(ascii: "("))
            return try buffer.nested { buffer in
                var items: [T] = []
                if allowEmpty, try buffer.peek() == UInt8(ascii: ")") {
                    buffer.bytes.moveReaderIndex(forwardBy: 1)
                    return items
                }
                items.append(try element(&buffer))
                while try buffer.peek() == UInt8(ascii: " ") {
                    try buffer.space()
                    items.append(try element(&buffer))
                }
                try buffer.expect(UInt8(ascii: ")"))
                return items
            }
        }
    }

    /// `element *(SP element)`.
    mutating func spaceSeparated<T>(_ element: (inout ParseBuffer) throws -> T) throws -> [T] {
        var items = [try element(&self)]
        while try peek() == UInt8(ascii: " ") {
            guard let item = try optional({ buffer -> T in
                try buffer.space()
                return try element(&buffer)
            }) else { break }
            items.append(item)
        }
        return items
    }
}

@inline(__always)
func asciiUpper(_ byte: UInt8) -> UInt8 {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) ? byte - 32 : byte
}

/// Options that change how a command is read.
public struct ParserOptions: Hashable, Sendable {
    /// RFC 6855 UTF8=ACCEPT is enabled: mailbox names are UTF-8, never modified UTF-7.
    public var utf8Accept: Bool

    public init(utf8Accept: Bool = false) {
        self.utf8Accept = utf8Accept
    }
}
