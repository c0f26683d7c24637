public import Logging

/// Log verbosity and format.
public struct LogConfiguration: Sendable, Hashable {
    /// How log lines are written.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// `timestamp level label: message key=value`.
        case text
        /// One JSON object per line.
        case json
    }

    /// The lowest level written.
    public var level: Logger.Level
    /// The line format.
    public var format: Format

    /// Creates a log configuration.
    public init(level: Logger.Level, format: Format) {
        self.level = level
        self.format = format
    }
}
