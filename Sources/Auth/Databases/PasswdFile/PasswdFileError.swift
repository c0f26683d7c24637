/// A passwd-file could not be read, or one of its lines is malformed.
public struct PasswdFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// The 1-based line number, when the problem is one line.
    public var line: Int?
    /// What went wrong.
    public var problem: String

    /// Creates an error.
    public init(path: String, line: Int? = nil, problem: String) {
        self.path = path
        self.line = line
        self.problem = problem
    }

    public var description: String {
        if let line { return "\(path):\(line): \(problem)" }
        return "\(path): \(problem)"
    }
}
