/// The compiled queries plus how rows become entries; shared by the SQL backends.
struct SQLStatements: Sendable {
    let password: QueryTemplate
    let user: QueryTemplate
    let iterate: QueryTemplate?
    let defaultScheme: PasswordFormat

    init(queries: SQLQueries, style: QueryTemplate.PlaceholderStyle, defaultScheme: PasswordFormat) throws {
        password = try QueryTemplate(queries.password, style: style)
        user = try QueryTemplate(queries.user, style: style)
        iterate = try queries.iterate.map { try QueryTemplate($0, style: style) }
        self.defaultScheme = defaultScheme
    }

    func passDBEntry(row: [String: String], request: LookupRequest) -> PassDBEntry {
        var fields = row
        let username = fields.removeValue(forKey: "user") ?? request.username
        var password = fields.removeValue(forKey: "password")
        if let noscheme = fields.removeValue(forKey: "password_noscheme") {
            password = "{\(defaultScheme)}\(noscheme)"
        }
        return PassDBEntry(username: username, password: password, defaultScheme: defaultScheme, fields: fields)
    }

    func userRecord(row: [String: String], request: LookupRequest) throws -> UserRecord {
        try UserRecord(username: request.username, fields: row)
    }

    static func username(row: [String: String]) -> String? {
        row["user"] ?? row["username"]
    }
}
