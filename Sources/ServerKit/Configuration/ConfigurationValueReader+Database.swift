extension ConfigurationValueReader {
    /// The keys each driver reads; any other key set under the database is reported.
    private static let driverKeys: [String: [String]] = [
        "passwd-file": ["path"],
        "sqlite": ["path", "password_query", "user_query", "iterate_query"],
        "postgresql": [
            "url", "host", "port", "user", "password", "database", "password_query", "user_query", "iterate_query",
        ],
        "static": ["home"],
        "prefetch": [],
    ]

    /// An `auth.passdb` or `auth.userdb` section, selected by its `driver` key.
    mutating func database(
        _ path: [String],
        isUserdb: Bool,
        default base: DatabaseConfiguration
    ) -> DatabaseConfiguration {
        let drivers =
            isUserdb
            ? ["passwd-file", "sqlite", "postgresql", "static", "prefetch"] : ["passwd-file", "sqlite", "postgresql"]
        let fields = ConfigurationSchema.database.keys.filter { $0 != "driver" }
        let driverText = text(path + ["driver"])?.0 ?? base.driver
        let driver = driverText.lowercased()
        guard drivers.contains(driver), let used = Self.driverKeys[driver] else {
            let hint = Suggestion.closest(to: driver, in: drivers).map { " (did you mean \($0)?)" } ?? ""
            report(
                path + ["driver"],
                "\"\(driverText)\" is not allowed; expected one of \(drivers.joined(separator: ", "))\(hint)"
            )
            return base
        }
        for field in fields where !used.contains(field) && isSet(path + [field]) {
            let expected = used.isEmpty ? "no other keys" : "only " + used.joined(separator: ", ")
            report(path + [field], "is not used by driver \(driver); expected \(expected)")
        }
        switch driver {
        case "passwd-file":
            let fallback = if case .passwdFile(let file) = base { file } else { "users" }
            return .passwdFile(path: string(path + ["path"], default: fallback))
        case "sqlite":
            let file = optionalString(path + ["path"])
            if file == nil, !isSet(path + ["path"]) {
                reportMissing(path + ["path"], expected: "the path of the SQLite database file")
            }
            return .sqlite(path: file ?? "", queries: queries(path, isUserdb: isUserdb))
        case "postgresql":
            return .postgresql(connection: postgresqlConnection(path), queries: queries(path, isUserdb: isUserdb))
        case "static":
            return .staticFields(home: optionalString(path + ["home"]))
        default:
            return .prefetch
        }
    }

    private mutating func queries(_ path: [String], isUserdb: Bool) -> DatabaseConfiguration.SQLQueries {
        let password = optionalString(path + ["password_query"])
        let user = optionalString(path + ["user_query"])
        if !isUserdb, password == nil, !isSet(path + ["password_query"]) {
            reportMissing(
                path + ["password_query"],
                expected: "SQL returning the user's password, such as "
                    + "SELECT password FROM users WHERE userid = '%u'"
            )
        }
        if isUserdb, user == nil, !isSet(path + ["user_query"]) {
            reportMissing(
                path + ["user_query"],
                expected: "SQL returning the user's home, such as "
                    + "SELECT home FROM users WHERE userid = '%u'"
            )
        }
        return .init(password: password, user: user, iterate: optionalString(path + ["iterate_query"]))
    }

    private mutating func postgresqlConnection(_ path: [String]) -> DatabaseConfiguration.PostgreSQLConnection {
        if let url = optionalString(path + ["url"], secret: true) {
            if !(url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")) {
                report(path + ["url"], "is not a PostgreSQL URL; expected postgres://user:password@host:5432/database")
            }
            for field in ["host", "port", "user", "password", "database"] where isSet(path + [field]) {
                report(
                    path + [field],
                    "is set together with url; expected either url or host/port/user/password/database"
                )
            }
            return .url(url)
        }
        let host = optionalString(path + ["host"])
        let user = optionalString(path + ["user"])
        let database = optionalString(path + ["database"])
        let port = integer(path + ["port"], default: 5432, range: 1...65535)
        let password = optionalString(path + ["password"], secret: true)
        if host == nil, !isSet(path + ["host"]) {
            reportMissing(
                path + ["url"],
                expected: "url (postgres://user:password@host/database) or host, user and database"
            )
        } else {
            if user == nil, !isSet(path + ["user"]) {
                reportMissing(path + ["user"], expected: "the PostgreSQL role name")
            }
            if database == nil, !isSet(path + ["database"]) {
                reportMissing(path + ["database"], expected: "the PostgreSQL database name")
            }
        }
        return .parameters(host: host ?? "", port: port, user: user ?? "", password: password, database: database ?? "")
    }
}
