import struct NIOCore.ByteBuffer

/// Options that change how responses are written.
public struct EncodingOptions: Hashable, Sendable {
    /// RFC 6855 UTF8=ACCEPT is enabled: mailbox names are sent as UTF-8 (not modified UTF-7) and
    /// quoted strings may carry UTF-8.
    public var utf8Accept: Bool
    /// Strings longer than this are sent as literals even when they could be quoted.
    public var maximumQuotedLength: Int
    /// Write literals as `{n+}` (RFC 7888 LITERAL+). Only for commands (a client's encoder);
    /// server responses always use `{n}`.
    public var nonSynchronizingLiterals: Bool

    public init(utf8Accept: Bool = false, maximumQuotedLength: Int = 1024, nonSynchronizingLiterals: Bool = false) {
        self.utf8Accept = utf8Accept
        self.maximumQuotedLength = maximumQuotedLength
        self.nonSynchronizingLiterals = nonSynchronizingLiterals
    }
}

/// Writes responses to a `ByteBuffer`, choosing the wire form of every string.
///
/// The type-specific writers (`writeFlag`, `writeSequenceSet`, `writeResponse`, …) live next to
/// their types, under `// MARK: - Encoding`.
public struct EncodeBuffer {
    public var buffer: ByteBuffer
    public var options: EncodingOptions

    public init(buffer: ByteBuffer = ByteBuffer(), options: EncodingOptions = EncodingOptions()) {
        self.buffer = buffer
        self.options = options
    }

    /// Writes text verbatim (keywords, atoms already known to be valid, punctuation).
    public mutating func writeRaw(_ text: String) {
        buffer.writeString(text)
    }

    public mutating func writeRaw(_ bytes: ByteBuffer) {
        var copy = bytes
        buffer.writeBuffer(&copy)
    }

    public mutating func writeSpace() { buffer.writeInteger(UInt8(ascii: " ")) }
    public mutating func writeNewline() { buffer.writeString("\r\n") }

    public mutating func writeNumber<N: BinaryInteger>(_ number: N) {
        buffer.writeString(String(number))
    }

    /// How a string will be sent.
    public enum StringForm: Hashable, Sendable {
        case atom
        case quoted
        case literal
    }

    /// Chooses the form for `bytes`: an atom where the grammar allows one (`allowAtom`, i.e. an
    /// `astring`), else a quoted string if every byte can be quoted, else a literal.
    public func stringForm(for bytes: some Collection<UInt8>, allowAtom: Bool) -> StringForm {
        if allowAtom, !bytes.isEmpty, bytes.allSatisfy(GrammarParser.isAStringChar), !Self.isNil(bytes) {
            return .atom
        }
        guard bytes.count <= options.maximumQuotedLength else { return .literal }
        for byte in bytes {
            switch byte {
            case 0, UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                return .literal
            case 0x80...:
                if !options.utf8Accept { return .literal }
            default:
                continue
            }
        }
        return .quoted
    }

    private static func isNil(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.count == 3 && bytes.map(asciiUpper) == Array("NIL".utf8)
    }

    /// `string = quoted / literal`.
    public mutating func writeIMAPString(_ bytes: some Collection<UInt8>) {
        write(bytes, form: stringForm(for: bytes, allowAtom: false))
    }

    public mutating func writeIMAPString(_ text: String) { writeIMAPString(Array(text.utf8)) }

    /// `astring = 1*ASTRING-CHAR / string`.
    public mutating func writeAString(_ bytes: some Collection<UInt8>) {
        write(bytes, form: stringForm(for: bytes, allowAtom: true))
    }

    public mutating func writeAString(_ text: String) { writeAString(Array(text.utf8)) }

    /// `nstring = string / nil`.
    public mutating func writeNString(_ bytes: ByteBuffer?) {
        guard let bytes else {
            buffer.writeString("NIL")
            return
        }
        writeIMAPString(bytes.readableBytesView)
    }

    public mutating func writeNString(_ text: String?) {
        guard let text else {
            buffer.writeString("NIL")
            return
        }
        writeIMAPString(Array(text.utf8))
    }

    /// A literal, always (message bodies and sections).
    public mutating func writeLiteral(_ bytes: ByteBuffer, binary: Bool = false) {
        let plus = options.nonSynchronizingLiterals ? "+" : ""
        buffer.writeString((binary ? "~{" : "{") + "\(bytes.readableBytes)\(plus)}\r\n")
        writeRaw(bytes)
    }

    private mutating func write(_ bytes: some Collection<UInt8>, form: StringForm) {
        switch form {
        case .atom:
            buffer.writeBytes(bytes)
        case .quoted:
            buffer.writeInteger(UInt8(ascii: "\""))
            for byte in bytes {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    buffer.writeInteger(UInt8(ascii: "\\"))
                }
                buffer.writeInteger(byte)
            }
            buffer.writeInteger(UInt8(ascii: "\""))
        case .literal:
            buffer.writeString(options.nonSynchronizingLiterals ? "{\(bytes.count)+}\r\n" : "{\(bytes.count)}\r\n")
            buffer.writeBytes(bytes)
        }
    }

    /// `"(" item *(SP item) ")"`, `"()"` when empty.
    public mutating func writeList<C: Collection>(_ items: C, _ writeItem: (inout EncodeBuffer, C.Element) -> Void) {
        buffer.writeInteger(UInt8(ascii: "("))
        writeSpaceSeparated(items, writeItem)
        buffer.writeInteger(UInt8(ascii: ")"))
    }

    public mutating func writeSpaceSeparated<C: Collection>(_ items: C, _ writeItem: (inout EncodeBuffer, C.Element) -> Void) {
        var first = true
        for item in items {
            if !first { writeSpace() }
            first = false
            writeItem(&self, item)
        }
    }
}
