/// A validated path of a file or directory, relative to a file system's root.
///
/// Components are separated by `/`. A path is refused when it is empty, absolute, has an empty
/// component (`a//b`, trailing `/`), a `.` or `..` component, a NUL byte, a component of more than
/// 255 bytes, more than 1024 bytes in total (the S3 key limit), or a component that starts with a
/// reserved prefix (`.temp.`, `.meta.`) that backends use for their own files.
public struct FSPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The path as a string, components joined by `/`.
    public let string: String

    /// The maximum length of a path in bytes.
    public static let maximumLength = 1024
    /// The maximum length of one component in bytes.
    public static let maximumComponentLength = 255
    /// Name prefixes reserved for backends (temporary files, metadata sidecars).
    public static let reservedPrefixes = [".temp.", ".meta."]

    /// Validates a relative path.
    /// - Throws: ``FSError`` of kind ``FSError/Kind/invalidPath``.
    public init(_ string: String) throws {
        if let problem = Self.problem(with: string) {
            throw FSError(kind: .invalidPath, path: string, detail: problem)
        }
        self.string = string
    }

    private init(validated: String) {
        self.string = validated
    }

    /// The path's components.
    public var components: [Substring] {
        string.split(separator: "/", omittingEmptySubsequences: false)
    }

    /// The last component.
    public var name: String {
        String(components.last!)
    }

    /// The directory that holds this path, or `nil` for a path directly under the root.
    public var parent: FSPath? {
        guard let slash = string.utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        return FSPath(validated: String(string[..<slash]))
    }

    /// Appends one or more components.
    /// - Throws: ``FSError`` of kind ``FSError/Kind/invalidPath`` when the result is not valid.
    public func appending(_ relative: String) throws -> FSPath {
        try FSPath(string + "/" + relative)
    }

    public var description: String { string }

    public static func < (lhs: FSPath, rhs: FSPath) -> Bool {
        lhs.string.utf8.lexicographicallyPrecedes(rhs.string.utf8)
    }

    /// Why `string` is not a valid path, or `nil` when it is.
    static func problem(with string: String) -> String? {
        if string.isEmpty { return "empty path" }
        if string.utf8.count > maximumLength { return "longer than \(maximumLength) bytes" }
        if string.utf8.first == UInt8(ascii: "/") { return "absolute path" }
        if string.utf8.contains(0) { return "contains NUL" }
        for component in string.split(separator: "/", omittingEmptySubsequences: false) {
            if let problem = componentProblem(component) { return problem }
        }
        return nil
    }

    /// Why `component` is not a valid single name, or `nil` when it is.
    static func componentProblem(_ component: Substring) -> String? {
        if component.isEmpty { return "empty component" }
        if component == "." || component == ".." { return "'\(component)' component" }
        if component.utf8.count > maximumComponentLength {
            return "component longer than \(maximumComponentLength) bytes"
        }
        if reservedPrefixes.contains(where: { component.hasPrefix($0) }) { return "reserved name" }
        return nil
    }
}
