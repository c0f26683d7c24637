/// Key/value pairs stored with a file at creation and read back with ``FileSystem/metadata(of:)``.
///
/// The rules are those every backend can keep, S3's user metadata being the tightest: keys are
/// 1–64 bytes of lowercase ASCII letters, digits and `-`; values are UTF-8 without control
/// characters; keys and values together are at most 2048 bytes. Metadata is fixed when the file
/// is committed; a committed file is never modified in place.
public struct FSMetadata: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// The pairs, by key.
    public private(set) var values: [String: String]

    /// The maximum size of all keys and values together, in bytes.
    public static let maximumSize = 2048
    /// The maximum length of a key, in bytes.
    public static let maximumKeyLength = 64

    /// Empty metadata.
    public init() {
        self.values = [:]
    }

    /// Validated metadata.
    /// - Throws: ``FSError`` of kind ``FSError/Kind/invalidMetadata``.
    public init(_ values: [String: String]) throws {
        var size = 0
        for (key, value) in values {
            if let problem = Self.keyProblem(key) ?? Self.valueProblem(value) {
                throw FSError(kind: .invalidMetadata, path: key, detail: problem)
            }
            size += key.utf8.count + value.utf8.count
        }
        if size > Self.maximumSize {
            throw FSError(kind: .invalidMetadata, path: "", detail: "larger than \(Self.maximumSize) bytes")
        }
        self.values = values
    }

    /// Metadata from a literal; traps on an invalid pair (a literal is the programmer's mistake).
    public init(dictionaryLiteral elements: (String, String)...) {
        do {
            try self.init(Dictionary(elements, uniquingKeysWith: { $1 }))
        } catch {
            preconditionFailure("invalid FSMetadata literal: \(error)")
        }
    }

    /// The value of `key`, if set.
    public subscript(key: String) -> String? {
        values[key]
    }

    /// Whether there are no pairs.
    public var isEmpty: Bool { values.isEmpty }

    public func makeIterator() -> Dictionary<String, String>.Iterator {
        values.makeIterator()
    }

    private static func keyProblem(_ key: String) -> String? {
        if key.isEmpty || key.utf8.count > maximumKeyLength { return "key must be 1-\(maximumKeyLength) bytes" }
        let allowed = key.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
        return allowed ? nil : "key may hold only a-z, 0-9 and '-'"
    }

    private static func valueProblem(_ value: String) -> String? {
        let control = value.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        return control ? "value contains a control character" : nil
    }

    // MARK: - Encoding

    /// The stored form: one `key=value` line per pair, sorted by key.
    func encoded() -> [UInt8] {
        let lines = values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)\n" }
        return Array(lines.joined().utf8)
    }

    /// Parses the stored form.
    /// - Throws: ``FSError`` of kind ``FSError/Kind/invalidMetadata`` when the bytes are not valid.
    static func decode(_ bytes: [UInt8], path: String) throws -> FSMetadata {
        var values: [String: String] = [:]
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            guard let equals = line.firstIndex(of: UInt8(ascii: "=")) else {
                throw FSError(kind: .invalidMetadata, path: path, detail: "stored metadata is corrupt")
            }
            values[String(decoding: line[..<equals], as: UTF8.self)] =
                String(decoding: line[(equals + 1)...], as: UTF8.self)
        }
        return try FSMetadata(values)
    }
}
