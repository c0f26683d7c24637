/// What is wrong with one passwd-file line (the file and line number are added by the reader).
public struct PasswdFileLineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problem.
    public var problem: String

    public var description: String { problem }
}
