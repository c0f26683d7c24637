/// The first line of a dbox file: format version, creation time and the file's separator.
public struct DboxFileHeader: Hashable, Sendable {
    /// Seconds since 1970.
    public var created: Int64
    /// 16 lower-case hex digits, random per file.
    public var separator: [UInt8]

    /// A header with a new random separator.
    public init(created: Int64) {
        var generator = SystemRandomNumberGenerator()
        self.created = created
        self.separator = DboxFormat.hex(Int(UInt32.random(in: 0...UInt32.max, using: &generator)), digits: 8)
            + DboxFormat.hex(Int(UInt32.random(in: 0...UInt32.max, using: &generator)), digits: 8)
    }

    init(created: Int64, separator: [UInt8]) {
        self.created = created
        self.separator = separator
    }

    /// The line as written, LF included.
    public var encoded: [UInt8] {
        [DboxFormat.version] + Array(" C".utf8) + DboxFormat.hex(Int(created), digits: 1) + Array(" S".utf8) + separator + [0x0A]
    }

    /// Reads the header line at the start of `bytes`.
    /// - Returns: the header and the length of its line.
    static func parse(_ bytes: ArraySlice<UInt8>) throws(DboxCorruption) -> (DboxFileHeader, Int) {
        guard let newline = bytes.prefix(256).firstIndex(of: 0x0A) else {
            throw DboxCorruption(offset: 0, problem: "no header line")
        }
        let fields = bytes[bytes.startIndex..<newline].split(separator: UInt8(ascii: " "))
        guard fields.first.map(Array.init) == [DboxFormat.version] else {
            throw DboxCorruption(offset: 0, problem: "unknown dbox version")
        }
        var created: Int?
        var separator: [UInt8]?
        for field in fields.dropFirst() {
            switch field.first {
            case UInt8(ascii: "C"): created = DboxFormat.parseHex(field.dropFirst())
            case UInt8(ascii: "S"):
                let value = field.dropFirst()
                guard value.count == DboxFormat.separatorLength, DboxFormat.parseHex(value.prefix(8)) != nil,
                      DboxFormat.parseHex(value.suffix(8)) != nil else {
                    throw DboxCorruption(offset: 0, problem: "invalid separator in header")
                }
                separator = Array(value)
            default: continue
            }
        }
        guard let created, let separator else {
            throw DboxCorruption(offset: 0, problem: "header lacks C or S")
        }
        return (DboxFileHeader(created: Int64(created), separator: separator), newline - bytes.startIndex + 1)
    }
}

/// A dbox file that does not read as the format says, with where it went wrong.
public struct DboxCorruption: Error, Hashable, Sendable, CustomStringConvertible {
    /// The byte offset in the file.
    public var offset: Int
    public var problem: String

    public var description: String { "dbox corrupted at offset \(offset): \(problem)" }
}
