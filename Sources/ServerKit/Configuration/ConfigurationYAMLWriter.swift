/// Writes the block-style YAML of `columba config show`, quoting values only where YAML needs it,
/// with an optional origin comment after each value.
struct ConfigurationYAMLWriter {
    let sources: ConfigurationSources
    let showingOrigins: Bool
    private(set) var text = ""
    private var path: [String] = []

    init(sources: ConfigurationSources, showingOrigins: Bool) {
        self.sources = sources
        self.showingOrigins = showingOrigins
    }

    /// A nested mapping; `emptyText` is written after the key when `body` writes nothing.
    mutating func section(_ key: String, emptyText: String? = nil, _ body: (inout ConfigurationYAMLWriter) -> Void) {
        let start = text.utf8.count
        line(key + ":", key: key)
        let headerEnd = text.utf8.count
        path.append(key)
        body(&self)
        path.removeLast()
        if let emptyText, text.utf8.count == headerEnd {
            text = String(decoding: text.utf8.prefix(start), as: UTF8.self)
            line("\(key): \(emptyText)", key: key)
        }
    }

    mutating func value(_ key: String, _ value: String) {
        line("\(key): \(Self.quoted(value))", key: key)
    }

    mutating func value(_ key: String, _ value: Int) {
        line("\(key): \(value)", key: key)
    }

    mutating func value(_ key: String, _ value: Bool) {
        line("\(key): \(value)", key: key)
    }

    mutating func value(_ key: String, _ value: Duration) {
        line("\(key): \(ConfigurationValueSyntax.durationText(value))", key: key)
    }

    mutating func secret(_ key: String, _ value: String?) {
        guard value != nil else { return }
        line("\(key): \"\(ColumbaConfiguration.secretMask)\"", key: key)
    }

    mutating func list(_ key: String, _ values: [String]) {
        line("\(key): [" + values.map(Self.quoted).joined(separator: ", ") + "]", key: key)
    }

    /// The keys of a passdb or userdb for its driver.
    mutating func database(_ database: DatabaseConfiguration) {
        value("driver", database.driver)
        switch database {
        case .passwdFile(let path):
            value("path", path)
        case .sqlite(let path, let queries):
            value("path", path)
            self.queries(queries)
        case .postgresql(.url(let url), let queries):
            value("url", ColumbaConfiguration.maskingPassword(inURL: url))
            self.queries(queries)
        case .postgresql(.parameters(let host, let port, let user, let password, let database), let queries):
            value("host", host)
            value("port", port)
            value("user", user)
            secret("password", password)
            value("database", database)
            self.queries(queries)
        case .staticFields(let home):
            if let home { value("home", home) }
        case .prefetch:
            break
        }
    }

    private mutating func queries(_ queries: DatabaseConfiguration.SQLQueries) {
        if let password = queries.password { value("password_query", password) }
        if let user = queries.user { value("user_query", user) }
        if let iterate = queries.iterate { value("iterate_query", iterate) }
    }

    private mutating func line(_ content: String, key: String) {
        text += String(repeating: "  ", count: path.count) + content
        let dotted = (path + [key]).joined(separator: ".")
        if showingOrigins, let origin = sources.origins[dotted] {
            text += "  # \(origin)"
        }
        text += "\n"
    }

    /// The value as a plain scalar when YAML reads it back as the same string, else double-quoted.
    static func quoted(_ value: String) -> String {
        let plainCharacters = value.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || "_./@+-".contains($0) }
        let reserved = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]
        let looksNumeric = Double(value) != nil || Int(value) != nil
        if !value.isEmpty, plainCharacters, !reserved.contains(value.lowercased()), !looksNumeric, value.first != "-" {
            return value
        }
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\""
    }
}
