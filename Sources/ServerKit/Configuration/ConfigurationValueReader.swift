import Configuration

/// Reads typed values through swift-configuration (environment over file), remembers where each came
/// from, and collects a located problem for every value that does not parse or is out of range.
struct ConfigurationValueReader {
    /// The environment provider, keys prefixed with `columba` (so `COLUMBA_LISTENERS_IMAP_PORT`).
    let environment: KeyMappingProvider<EnvironmentVariablesProvider>
    /// Environment over file.
    let reader: ConfigReader
    /// The parsed file with line numbers, `nil` when no file is used.
    let document: ConfigurationDocument?
    /// Where each value came from.
    var sources: ConfigurationSources
    /// Every problem found so far.
    var problems: [ConfigurationProblem] = []

    /// The raw text of a key and its origin, `nil` when neither the environment nor the file sets it.
    mutating func text(_ path: [String], secret: Bool = false) -> (String, ConfigurationOrigin)? {
        guard let origin = origin(path), let value = reader.string(forKey: ConfigKey(path), isSecret: secret) else {
            return nil
        }
        sources.origins[path.joined(separator: ".")] = origin
        return (value.trimmingWhitespace(), origin)
    }

    /// The items of a key written as a list or as one value (comma-separated in the environment).
    mutating func items(_ path: [String]) -> ([String], ConfigurationOrigin)? {
        guard let origin = origin(path) else { return nil }
        let key = ConfigKey(path)
        guard let values = reader.stringArray(forKey: key) ?? reader.string(forKey: key).map({ [$0] }) else {
            return nil
        }
        sources.origins[path.joined(separator: ".")] = origin
        return (values.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }, origin)
    }

    /// The environment variable that overrides a key, such as `COLUMBA_LOG_LEVEL`.
    func variable(_ path: [String]) -> String {
        (try? environment.value(forKey: AbsoluteConfigKey(path), type: .string).encodedKey)
            ?? "COLUMBA_" + path.joined(separator: "_").uppercased()
    }

    /// Whether the environment or the file sets a key.
    func isSet(_ path: [String]) -> Bool { origin(path) != nil }

    private func origin(_ path: [String]) -> ConfigurationOrigin? {
        if let lookup = try? environment.value(forKey: AbsoluteConfigKey(path), type: .string), lookup.value != nil {
            return .environment(variable: lookup.encodedKey)
        }
        let key = path.joined(separator: ".")
        guard let document, !document.emptyKeys.contains(key), let line = document.line(of: key) else { return nil }
        return .file(path: document.path, line: line)
    }

    // MARK: - Problems

    /// Records a problem with a key at the origin of its value (or the file, for a key left at its default).
    mutating func report(_ path: [String], _ message: String) {
        let key = path.joined(separator: ".")
        guard let origin = origin(path) else { return report(key, message) }
        problems.append(ConfigurationProblem(origin: origin, file: sources.file, key: key, message: message))
    }

    /// Records a problem with a dotted key.
    mutating func report(_ key: String, _ message: String) {
        problems.append(sources.problem(key, message))
    }

    /// Records that a required key is missing, located at its enclosing section.
    mutating func reportMissing(_ path: [String], expected: String) {
        let section = path.dropLast().joined(separator: ".")
        var origin = sources.origins[section]
        if let document, let line = document.line(of: section) {
            origin = .file(path: document.path, line: line)
        }
        problems.append(
            .init(
                origin: origin ?? .embeddedDefault,
                file: sources.file,
                key: path.joined(separator: "."),
                message: "missing required key; expected \(expected)"
            )
        )
    }

    // MARK: - Typed values

    /// A string, or `defaultValue`; `check` returns an explanation for an invalid value.
    mutating func string(
        _ path: [String],
        default defaultValue: String,
        secret: Bool = false,
        check: (String) -> String? = { $0.isEmpty ? "is empty; expected a value" : nil }
    ) -> String {
        guard let (value, _) = text(path, secret: secret) else { return defaultValue }
        if let problem = check(value) {
            report(path, problem)
            return defaultValue
        }
        return value
    }

    /// A string that has no default.
    mutating func optionalString(_ path: [String], secret: Bool = false) -> String? {
        guard let (value, _) = text(path, secret: secret) else { return nil }
        guard !value.isEmpty else {
            report(path, "is empty; expected a value")
            return nil
        }
        return value
    }

    /// One of a fixed set of words, matched without regard to case.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ path: [String],
        default defaultValue: Choice
    ) -> Choice where Choice.RawValue == String {
        guard let (value, _) = text(path) else { return defaultValue }
        return parseChoice(value, path: path) ?? defaultValue
    }

    /// Parses one word of a fixed set, reporting anything else with a suggestion.
    mutating func parseChoice<Choice: RawRepresentable & CaseIterable>(
        _ value: String,
        path: [String]
    ) -> Choice? where Choice.RawValue == String {
        if let match = Choice.allCases.first(where: { $0.rawValue.lowercased() == value.lowercased() }) {
            return match
        }
        let allowed = Choice.allCases.map(\.rawValue)
        var message = "\"\(value)\" is not allowed; expected one of \(allowed.joined(separator: ", "))"
        if let suggestion = Suggestion.closest(to: value, in: allowed) {
            message += " (did you mean \(suggestion)?)"
        }
        report(path, message)
        return nil
    }

    /// An integer within `range`.
    mutating func integer(_ path: [String], default defaultValue: Int, range: ClosedRange<Int>) -> Int {
        guard let (value, _) = text(path) else { return defaultValue }
        guard let number = Int(value) else {
            report(
                path,
                "\"\(value)\" is not an integer; expected an integer in \(range.lowerBound)...\(range.upperBound)"
            )
            return defaultValue
        }
        guard range.contains(number) else {
            report(path, "\(number) is out of range; expected \(range.lowerBound)...\(range.upperBound)")
            return defaultValue
        }
        return number
    }

    /// A size in bytes (`10M`, `512k`, `1G` or a whole number of bytes) within `range`.
    mutating func size(_ path: [String], default defaultValue: Int64, range: ClosedRange<Int64>) -> Int64 {
        guard let (value, _) = text(path) else { return defaultValue }
        let bounds = ConfigurationValueSyntax.sizeText(range.lowerBound) + "..." + ConfigurationValueSyntax.sizeText(range.upperBound)
        guard let size = ConfigurationValueSyntax.size(value) else {
            report(path, "\"\(value)\" is not a size; expected bytes or a number with k, M or G, such as 10M, in \(bounds)")
            return defaultValue
        }
        guard range.contains(size) else {
            report(path, "\(value) is out of range; expected \(bounds)")
            return defaultValue
        }
        return size
    }

    /// A duration (`500ms`, `30s`, `5m`, `1h`, `1d`, or whole seconds) within `range`.
    mutating func duration(
        _ path: [String],
        default defaultValue: Duration,
        range: ClosedRange<Duration>
    ) -> Duration {
        guard let (value, _) = text(path) else { return defaultValue }
        let bounds =
            ConfigurationValueSyntax.durationText(range.lowerBound) + "..."
            + ConfigurationValueSyntax.durationText(range.upperBound)
        guard let duration = ConfigurationValueSyntax.duration(value) else {
            report(
                path,
                "\"\(value)\" is not a duration; expected a number with ms, s, m, h or d, such as 30s, in \(bounds)"
            )
            return defaultValue
        }
        guard range.contains(duration) else {
            report(path, "\(value) is out of range; expected \(bounds)")
            return defaultValue
        }
        return duration
    }
}
