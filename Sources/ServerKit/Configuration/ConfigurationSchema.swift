/// The shape of `columba.yaml`: which keys exist and whether each holds a value, a list, a section or a map
/// of operator-chosen names. The structural check walks the file against it; the env-variable check
/// enumerates its leaves.
indirect enum ConfigurationSchema: Sendable {
    /// One scalar value.
    case value
    /// One scalar or a list of scalars.
    case list
    /// Fixed keys, in the order `config show` prints them.
    case section([(String, ConfigurationSchema)])
    /// Names the operator chooses (listener names, SNI server names), each with the same shape.
    case map(ConfigurationSchema)

    /// The keys of a section, in order; empty for other shapes.
    var keys: [String] {
        if case .section(let fields) = self { return fields.map(\.0) }
        return []
    }

    /// The shape of one key of a section.
    func child(_ key: String) -> ConfigurationSchema? {
        guard case .section(let fields) = self else { return nil }
        return fields.first { $0.0 == key }?.1
    }

    /// Keys of `auth.passdb` and `auth.userdb`; which ones a driver uses is checked when reading.
    static let database = ConfigurationSchema.section([
        ("driver", .value), ("path", .value), ("url", .value), ("host", .value), ("port", .value),
        ("user", .value), ("password", .value), ("database", .value), ("password_query", .value),
        ("user_query", .value), ("iterate_query", .value), ("home", .value),
    ])

    /// The whole file.
    static let root = ConfigurationSchema.section([
        ("hostname", .value),
        ("data_dir", .value),
        ("mail", .section([("root", .value), ("fsync", .value), ("format", .value), ("mdbox_rotate_size", .value), ("io_threads", .value)])),
        ("log", .section([("level", .value), ("format", .value)])),
        ("listeners", .map(.section([("protocol", .value), ("address", .list), ("port", .value), ("tls", .value)]))),
        (
            "tls",
            .section([
                ("certificate", .value), ("key", .value), ("min_version", .value),
                ("sni", .map(.section([("certificate", .value), ("key", .value)]))),
            ])
        ),
        (
            "auth",
            .section([
                ("plaintext", .value), ("mechanisms", .list), ("default_scheme", .value), ("cache_ttl", .value),
                ("failure_delay", .section([("initial", .value), ("max", .value)])),
                ("passdb", database), ("userdb", database),
            ])
        ),
        (
            "limits",
            .section([
                ("max_connections", .value), ("max_connections_per_ip", .value), ("max_connections_per_user_ip", .value),
                ("idle_timeout", .value), ("login_timeout", .value),
                ("line_length", .value),
            ])
        ),
        ("shutdown", .section([("drain_timeout", .value)])),
        ("lmtp", .section([("received_header", .value), ("max_message_size", .value), ("max_recipients", .value)])),
        ("sieve", .section([
            ("before", .list), ("after", .list), ("relay", .value), ("max_script_size", .value), ("max_scripts", .value),
        ])),
    ])
}
