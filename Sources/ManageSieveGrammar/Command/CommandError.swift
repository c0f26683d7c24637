/// Input the grammar refuses, with the text the server answers in its `NO`.
public struct CommandError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public enum Kind: Sendable, Hashable {
        /// The first word is no ManageSieve command.
        case unknownCommand
        /// The command's arguments do not follow its grammar.
        case syntax(String)
    }

    public var kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    static func syntax(_ reason: String) -> CommandError {
        CommandError(.syntax(reason))
    }

    public var description: String {
        switch kind {
        case .unknownCommand: "Unknown command."
        case .syntax(let reason): "Syntax error: \(reason)."
        }
    }
}
