/// One thing wrong with a configuration: where, which key, what is wrong and what is expected.
///
/// Its description is one line, `columba.yaml:12: listeners.imap.port: 70000 is out of range; expected 1...65535`.
public struct ConfigurationProblem: Sendable, Hashable, CustomStringConvertible {
    /// Where the offending value came from; `nil` when the problem concerns the whole file.
    public var origin: ConfigurationOrigin?
    /// The configuration file, named when the problem has no line of its own (a key left at its default).
    public var file: String?
    /// The dotted key, such as `listeners.imap.port`; `nil` for problems of the file itself.
    public var key: String?
    /// What is wrong and what is expected, or how to fix it.
    public var message: String

    /// Creates a problem.
    public init(origin: ConfigurationOrigin?, file: String? = nil, key: String?, message: String) {
        self.origin = origin
        self.file = file
        self.key = key
        self.message = message
    }

    /// `location: key: message`.
    public var description: String {
        var parts: [String] = []
        if let origin, origin != .embeddedDefault || file == nil {
            parts.append(origin.description)
        } else if let file {
            parts.append(file)
        }
        if let key { parts.append(key) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
