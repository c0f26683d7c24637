import struct NIOCore.ByteBuffer

/// A message parsed once into its header fields and MIME tree, all as offsets into ``bytes``.
///
/// This is the entry point for everything that reads mail: IMAP FETCH (``envelope``,
/// ``bodyStructure(extended:)``, ``section(_:)``, ``binary(_:)``), SEARCH and SORT
/// (``decodedHeader(_:)``, ``MessageSearch``), Sieve (header and address tests) and DKIM
/// (``DKIMCanonicalization``). Parsing never fails: malformed input gives the structure Dovecot
/// would see (see ``StructureParser`` semantics in the module documentation).
///
/// ```swift
/// let message = MIMEMessage(parsing: rawBytes)
/// let wire = message.bodyStructure(extended: true)   // IMAP BODYSTRUCTURE bytes
/// let text = message.section(try SectionSpecifier("1.TEXT"))
/// ```
public struct MIMEMessage: Sendable {
    /// The raw message as received (any line ends).
    public let bytes: [UInt8]
    /// The top-level part: the message header and the MIME tree below it.
    public let root: MIMEPart

    /// Parses a message.
    /// - Parameters:
    ///   - bytes: The raw message.
    ///   - limits: Bounds on nesting and part count.
    public init(parsing bytes: [UInt8], limits: MailMessageLimits = .default) {
        self.bytes = bytes
        self.root = bytes.withUnsafeBufferPointer { StructureParser.parse($0, limits: limits) }
    }

    /// The bytes of `message` up to and including the empty line that ends its header (all of it
    /// when no empty line follows a header line), without parsing: what answers `BODY[HEADER]`,
    /// `HEADER.FIELDS` and header searches when parsed alone.
    public static func headerBlock(of message: [UInt8]) -> ArraySlice<UInt8> {
        var index = 0
        while index < message.count {
            guard let lineFeed = message[index...].firstIndex(of: 0x0A) else { break }
            let next = lineFeed + 1
            if next < message.count, message[next] == 0x0A { return message[...next] }
            if next + 1 < message.count, message[next] == 0x0D, message[next + 1] == 0x0A { return message[...(next + 1)] }
            index = next
        }
        return message[...]
    }

    /// Parses a message from a buffer's readable bytes (the buffer is not consumed).
    /// - Parameters:
    ///   - buffer: The raw message.
    ///   - limits: Bounds on nesting and part count.
    public init(parsing buffer: ByteBuffer, limits: MailMessageLimits = .default) {
        self.init(parsing: Array(buffer.readableBytesView), limits: limits)
    }

    // MARK: - Header access

    /// The field name as a string.
    public func name(of field: HeaderField) -> String {
        String(decoding: bytes[field.nameRange], as: UTF8.self)
    }

    /// The raw value of a field (folding kept, nothing decoded).
    public func rawValue(of field: HeaderField) -> [UInt8] {
        Array(bytes[field.valueRange])
    }

    /// The fields called `name` (ASCII case-insensitive) in a part's header, in order.
    /// - Parameters:
    ///   - name: The field name, e.g. `Received`.
    ///   - part: The part whose header to search; the message header when `nil`.
    public func fields(named name: String, in part: MIMEPart? = nil) -> [HeaderField] {
        let wanted = Array(name.utf8)
        return (part ?? root).fields.filter { field in
            field.hasColon && bytes.withUnsafeBufferPointer { Self.equalFold($0[field.nameRange], wanted) }
        }
    }

    /// The unfolded, RFC 2047-decoded value of the first field called `name`, or `nil`.
    /// - Parameters:
    ///   - name: The field name.
    ///   - part: The part whose header to search; the message header when `nil`.
    public func decodedHeader(_ name: String, in part: MIMEPart? = nil) -> String? {
        fields(named: name, in: part).first.map(decodedValue)
    }

    /// All values of the fields called `name`, unfolded and RFC 2047-decoded (for SEARCH HEADER and Sieve).
    public func decodedHeaders(_ name: String, in part: MIMEPart? = nil) -> [String] {
        fields(named: name, in: part).map(decodedValue)
    }

    /// A field's value, unfolded and RFC 2047-decoded.
    public func decodedValue(of field: HeaderField) -> String {
        EncodedWords.decode(HeaderText.unfold(rawValue(of: field)))
    }

    /// RFC822.SIZE: the size with every bare LF counted as CRLF (Dovecot's virtual size).
    public var virtualSize: Int { PartSize.measure(bytes, 0..<bytes.count).virtualSize }

    static func equalFold(_ a: Slice<UnsafeBufferPointer<UInt8>>, _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var index = 0
        for byte in a {
            let x = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
            let y = (b[index] >= 0x41 && b[index] <= 0x5A) ? b[index] | 0x20 : b[index]
            if x != y { return false }
            index += 1
        }
        return true
    }
}
