/// Where the effective value of one configuration key came from.
///
/// Problems found in a value name its origin, so an operator knows what to edit:
/// a line of the file, an environment variable, a command-line option, or the embedded default.
public enum ConfigurationOrigin: Sendable, Hashable, CustomStringConvertible {
    /// The built-in default; no file, variable or option set the key.
    case embeddedDefault
    /// A line of the configuration file.
    case file(path: String, line: Int)
    /// An environment variable such as `COLUMBA_LISTENERS_IMAP_PORT`.
    case environment(variable: String)
    /// A command-line option such as `--data`.
    case commandLine(option: String)

    /// The location as printed before a problem: `columba.yaml:12`, `environment COLUMBA_LOG_LEVEL`, …
    public var description: String {
        switch self {
        case .embeddedDefault: "embedded default"
        case .file(let path, let line): "\(path):\(line)"
        case .environment(let variable): "environment \(variable)"
        case .commandLine(let option): "option \(option)"
        }
    }
}
