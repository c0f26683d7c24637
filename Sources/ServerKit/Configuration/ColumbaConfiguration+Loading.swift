import Configuration
import Logging

extension ColumbaConfiguration {
    /// Loads the effective configuration: the embedded default, overlaid by the YAML file, overlaid by
    /// `COLUMBA_*` environment variables, with `dataDirectory` (the `--data` option) above all.
    ///
    /// Every problem is collected before throwing, each located at its file line or environment variable.
    /// Certificate, key and directory checks are separate: call ``validateFiles()`` once the default
    /// certificate has been generated.
    /// - Parameters:
    ///   - file: The path of `columba.yaml`, or `nil` for the embedded default.
    ///   - dataDirectory: The `--data` option, which overrides `data_dir`.
    ///   - environment: The process environment; only `COLUMBA_*` variables are read.
    ///   - hostname: The default for `hostname`, the machine's host name unless given.
    /// - Throws: ``ConfigurationError`` listing every problem found.
    public static func load(
        file: String?,
        dataDirectory: String? = nil,
        environment: [String: String],
        hostname: String = machineHostname()
    ) async throws(ConfigurationError) -> ColumbaConfiguration {
        var document: ConfigurationDocument?
        if let file {
            document = try readDocument(file)
        }
        let environmentProvider = EnvironmentVariablesProvider(
            environmentVariables: environment.filter { $0.key.uppercased().hasPrefix("COLUMBA_") },
            secretsSpecifier: .dynamic { name, _ in isSecretKey(name) }
        ).prefixKeys(with: ConfigKey(["columba"]))
        var providers: [any ConfigProvider] = [environmentProvider]
        if let file, let document, !document.isEmpty {
            do {
                let location = InMemoryProvider(values: ["filePath": ConfigValue(.string(file), isSecret: false)])
                providers.append(
                    try await FileProvider<YAMLSnapshot>(
                        parsingOptions: .init(secretsSpecifier: .dynamic { key, _ in isSecretKey(key) }),
                        config: ConfigReader(provider: location)
                    )
                )
            } catch {
                let problems =
                    document.problems.isEmpty
                    ? [ConfigurationProblem(origin: nil, file: file, key: nil, message: "\(error)")] : document.problems
                throw ConfigurationError(problems: problems)
            }
        }
        var reader = ConfigurationValueReader(
            environment: environmentProvider,
            reader: ConfigReader(providers: providers),
            document: document,
            sources: ConfigurationSources(file: file)
        )
        var configuration = read(&reader, dataDirectory: dataDirectory, hostname: hostname)
        configuration.sources = reader.sources
        let problems =
            (document?.problems ?? []) + reader.problems
            + configuration.safetyProblems()
            + unknownVariables(in: environment, reader: reader, configuration: configuration)
        guard problems.isEmpty else { throw ConfigurationError(problems: sortedByLine(problems)) }
        return configuration
    }

    /// Environment variables `COLUMBA_CONFIG` and `COLUMBA_DATA` are left to the command line (config file
    /// path, data directory) and are not configuration keys.
    static let reservedVariables: Set<String> = ["COLUMBA_CONFIG", "COLUMBA_DATA"]

    /// Keys whose values are masked: passwords and URLs (which may embed a password).
    static func isSecretKey(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered.hasSuffix("password") || lowered.hasSuffix("url")
    }

    private static func readDocument(_ path: String) throws(ConfigurationError) -> ConfigurationDocument {
        switch ConfigurationFileAccess.contents(of: path) {
        case .success(let bytes):
            return try ConfigurationDocument(path: path, text: String(decoding: bytes, as: UTF8.self))
        case .failure(let failure):
            let hint =
                failure.reason == "no such file"
                ? "give the path of an existing columba.yaml, or no file to run the embedded default "
                    + "(`columba config show` prints it)"
                : "make it a file readable by the user columba runs as"
            throw ConfigurationError(problems: [
                .init(origin: nil, file: path, key: nil, message: "\(failure.reason); \(hint)")
            ])
        }
    }

    private static func read(
        _ reader: inout ConfigurationValueReader,
        dataDirectory: String?,
        hostname: String
    ) -> ColumbaConfiguration {
        var data = reader.string(["data_dir"], default: defaultDataDirectory)
        if let dataDirectory {
            data = dataDirectory
            reader.sources.origins["data_dir"] = .commandLine(option: "--data")
        }
        let base = embeddedDefault(dataDirectory: data, hostname: hostname)
        let lmtp = reader.lmtp(default: base.lmtp)
        let sieve = reader.sieve(default: base.sieve)
        let name = reader.string(["hostname"], default: base.hostname) { value in
            ConfigurationValueSyntax.isHostname(value)
                ? nil : "\"\(value)\" is not a host name; expected a DNS name such as mail.example.org"
        }
        var configuration = ColumbaConfiguration(
            hostname: name,
            dataDirectory: base.dataDirectory,
            mailRoot: reader.string(["mail", "root"], default: base.mailRoot),
            log: LogConfiguration(
                level: reader.choice(["log", "level"], default: base.log.level),
                format: reader.choice(["log", "format"], default: base.log.format)
            ),
            listeners: reader.listeners(defaults: base.listeners),
            tls: reader.tls(default: base.tls),
            auth: reader.auth(default: base.auth),
            limits: limits(&reader, default: base.limits),
            shutdown: ShutdownConfiguration(
                drainTimeout: reader.duration(
                    ["shutdown", "drain_timeout"],
                    default: base.shutdown.drainTimeout,
                    range: .zero ... .seconds(3600)
                )
            ),
            sources: reader.sources,
            mailFsync: reader.choice(["mail", "fsync"], default: base.mailFsync)
        )
        configuration.mailFormat = reader.choice(["mail", "format"], default: base.mailFormat)
        configuration.mdboxRotateSize = reader.size(["mail", "mdbox_rotate_size"], default: base.mdboxRotateSize,
                                                    range: 1024...(1 << 32))
        configuration.mailIOThreads = reader.integer(["mail", "io_threads"], default: base.mailIOThreads, range: 1...1024)
        configuration.lmtp = lmtp
        configuration.sieve = sieve
        return configuration
    }

    private static func limits(
        _ reader: inout ConfigurationValueReader,
        default base: LimitsConfiguration
    ) -> LimitsConfiguration {
        let maxConnections = reader.integer(
            ["limits", "max_connections"],
            default: base.maxConnections,
            range: 1...1_000_000
        )
        let perIP = reader.integer(
            ["limits", "max_connections_per_ip"],
            default: base.maxConnectionsPerIP,
            range: 1...1_000_000
        )
        let perUserIP = reader.integer(
            ["limits", "max_connections_per_user_ip"],
            default: base.maxConnectionsPerUserIP,
            range: 1...1_000_000
        )
        for (key, value) in [("max_connections_per_ip", perIP), ("max_connections_per_user_ip", perUserIP)] where value > maxConnections {
            reader.report(
                ["limits", key],
                "\(value) is above limits.max_connections (\(maxConnections)); expected at most \(maxConnections)"
            )
        }
        return LimitsConfiguration(
            maxConnections: maxConnections,
            maxConnectionsPerIP: perIP,
            maxConnectionsPerUserIP: perUserIP,
            idleTimeout: reader.duration(
                ["limits", "idle_timeout"],
                default: base.idleTimeout,
                range: .seconds(10) ... .seconds(86_400)
            ),
            loginTimeout: reader.duration(["limits", "login_timeout"], default: base.loginTimeout, range: .seconds(10) ... .seconds(3600)),
            lineLength: reader.integer(["limits", "line_length"], default: base.lineLength, range: 1000...1_048_576)
        )
    }

    /// `COLUMBA_*` variables that name no key (a typo would otherwise be silently ignored).
    private static func unknownVariables(
        in environment: [String: String],
        reader: ConfigurationValueReader,
        configuration: ColumbaConfiguration
    ) -> [ConfigurationProblem] {
        let maps = [
            "listeners": configuration.listeners.map(\.name),
            "tls.sni": configuration.tls.sni.map(\.serverName),
        ]
        var known = reservedVariables
        func collect(_ schema: ConfigurationSchema, _ path: [String]) {
            switch schema {
            case .value, .list:
                known.insert(reader.variable(path).uppercased())
            case .section(let fields):
                for (name, child) in fields { collect(child, path + [name]) }
            case .map(let element):
                for name in maps[path.joined(separator: "."), default: []] { collect(element, path + [name]) }
            }
        }
        collect(.root, [])
        return environment.keys.sorted().compactMap { name in
            let upper = name.uppercased()
            guard upper.hasPrefix("COLUMBA_"), !known.contains(upper) else { return nil }
            let hint =
                Suggestion.closest(to: upper, in: known.sorted()).map { "did you mean \($0)?" }
                ?? "expected COLUMBA_ followed by a key path in capitals, such as COLUMBA_LOG_LEVEL"
            return ConfigurationProblem(
                origin: .environment(variable: name),
                key: nil,
                message: "names no configuration key; \(hint)"
            )
        }
    }

    /// File problems in line order, then the others in the order found.
    private static func sortedByLine(_ problems: [ConfigurationProblem]) -> [ConfigurationProblem] {
        let indexed = problems.enumerated().map { index, problem -> (Int, Int, ConfigurationProblem) in
            if case .file(_, let line) = problem.origin { return (line, index, problem) }
            return (Int.max, index, problem)
        }
        return indexed.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }
}
