/// Where each key of a loaded configuration came from: file line, environment variable, option or default.
///
/// Problems found after loading (``ColumbaConfiguration/validateFiles()``) use it to point at the
/// line that set a path, and `columba config show` uses it to say which keys were overridden.
public struct ConfigurationSources: Sendable, Hashable {
    /// The configuration file read, `nil` when the embedded default was used.
    public var file: String?
    /// The origin of each dotted key that was set; keys absent here have their default.
    public var origins: [String: ConfigurationOrigin]

    /// Creates a source map.
    public init(file: String?, origins: [String: ConfigurationOrigin] = [:]) {
        self.file = file
        self.origins = origins
    }

    /// The origin of a dotted key, `.embeddedDefault` when nothing set it.
    public func origin(of key: String) -> ConfigurationOrigin {
        origins[key] ?? .embeddedDefault
    }

    /// A problem located at the origin of `key`.
    func problem(_ key: String, _ message: String) -> ConfigurationProblem {
        ConfigurationProblem(origin: origin(of: key), file: file, key: key, message: message)
    }
}
