import Testing

@testable import Auth

@Suite("QueryTemplate")
struct QueryTemplateTests {
    static let request = LookupRequest(
        username: "Tim.Smith@Example.org",
        service: "imap",
        remoteAddress: "192.0.2.1",
        localAddress: "192.0.2.2"
    )

    @Test(
        "variables become bound parameters",
        arguments: [
            (
                "SELECT password FROM users WHERE userid = '%u'", QueryTemplate.PlaceholderStyle.dollarNumber,
                "SELECT password FROM users WHERE userid = $1", ["Tim.Smith@Example.org"]
            ),
            (
                "SELECT * FROM u WHERE name = '%n' AND domain = '%d'", .questionMark,
                "SELECT * FROM u WHERE name = ? AND domain = ?", ["Tim.Smith", "Example.org"]
            ),
            (
                "SELECT * FROM u WHERE login = '%n@%d' AND svc = %s", .dollarNumber,
                "SELECT * FROM u WHERE login = $1 AND svc = $2", ["Tim.Smith@Example.org", "imap"]
            ),
            (
                "SELECT * FROM u WHERE u = '%{user}' AND n = '%{username}' AND d = '%{domain}' AND r = '%{rip}' AND l = %{lip}",
                .dollarNumber,
                "SELECT * FROM u WHERE u = $1 AND n = $2 AND d = $3 AND r = $4 AND l = $5",
                ["Tim.Smith@Example.org", "Tim.Smith", "Example.org", "192.0.2.1", "192.0.2.2"]
            ),
            (
                "SELECT '100%%', 'it''s' FROM u WHERE u = '%Lu' AND x LIKE 'a%%'", .questionMark,
                "SELECT '100%', 'it''s' FROM u WHERE u = ? AND x LIKE 'a%'", ["tim.smith@example.org"]
            ),
        ]
    )
    func compile(source: String, style: QueryTemplate.PlaceholderStyle, sql: String, bindings: [String]) throws {
        let template = try QueryTemplate(source, style: style)
        #expect(template.sql == sql)
        #expect(template.bindings(for: Self.request) == bindings)
    }

    @Test("a hostile username stays a value")
    func injection() throws {
        let template = try QueryTemplate("SELECT 1 FROM u WHERE userid = '%u'", style: .questionMark)
        let hostile = LookupRequest(username: "x' OR '1'='1")
        #expect(template.sql == "SELECT 1 FROM u WHERE userid = ?")
        #expect(template.bindings(for: hostile) == ["x' OR '1'='1"])
    }

    @Test(
        "bad templates name the query",
        arguments: ["SELECT '%u", "SELECT %x", "SELECT %{nope}", "SELECT %", "SELECT %{user"]
    )
    func errors(source: String) {
        #expect(throws: QueryTemplateError.self) { try QueryTemplate(source, style: .questionMark) }
        do {
            _ = try QueryTemplate(source, style: .questionMark)
        } catch {
            #expect("\(error)".contains(source))
        }
    }
}
