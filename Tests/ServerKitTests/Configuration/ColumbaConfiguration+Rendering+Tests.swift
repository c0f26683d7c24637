import Testing

@testable import ServerKit

@Suite("Configuration rendering")
struct ColumbaConfigurationRenderingTests {
    @Test("config show masks passwords, also inside database URLs")
    func masksSecrets() async throws {
        let fixture = try ConfigurationFixture()
        let yaml = """
            auth:
              passdb:
                driver: postgresql
                url: postgres://columba:hunter2@db.example.org/mail
                password_query: SELECT password FROM users WHERE userid = '%u'
              userdb:
                driver: postgresql
                host: db.example.org
                user: columba
                password: s3cret
                database: mail
                user_query: SELECT home FROM users WHERE userid = '%u'
            """
        let text = try await fixture.load(yaml).render()
        #expect(!text.contains("hunter2"))
        #expect(!text.contains("s3cret"))
        #expect(text.contains("url: \"postgres://columba:********@db.example.org/mail\""))
        #expect(text.contains("password: \"********\""))
    }

    @Test("a password from the environment is masked and its origin shown")
    func masksEnvironmentSecret() async throws {
        let fixture = try ConfigurationFixture()
        let yaml = """
            auth:
              passdb:
                driver: postgresql
                host: db.example.org
                user: columba
                database: mail
                password_query: SELECT password FROM users WHERE userid = '%u'
            """
        let configuration = try await fixture.load(yaml, environment: ["COLUMBA_AUTH_PASSDB_PASSWORD": "hunter2"])
        guard case .postgresql(.parameters(_, _, _, let password, _), _) = configuration.auth.passdb else {
            Issue.record("expected a postgresql passdb with parameters")
            return
        }
        #expect(password == "hunter2")
        let text = configuration.render(showingOrigins: true)
        #expect(!text.contains("hunter2"))
        #expect(text.contains("    password: \"********\"  # environment COLUMBA_AUTH_PASSDB_PASSWORD\n"))
    }

    @Test("the rendered default loads back to the same configuration")
    func roundTrip() async throws {
        let fixture = try ConfigurationFixture()
        let original = try await ColumbaConfiguration.load(
            file: nil,
            dataDirectory: fixture.directory + "/data",
            environment: [:],
            hostname: "mail.example.org"
        )
        let text = original.render()
        let reloaded = try await fixture.load(text)
        #expect(reloaded.render() == text)
        #expect(
            text.contains("  imaps:\n    protocol: imap\n    address: [127.0.0.1]\n    port: 1993\n    tls: implicit\n")
        )
        #expect(text.contains("min_version: \"1.2\""))
    }

    @Test("origins are shown as comments")
    func origins() async throws {
        let fixture = try ConfigurationFixture()
        let configuration = try await fixture.load(
            "log:\n  level: debug\n",
            environment: ["COLUMBA_LIMITS_LINE_LENGTH": "16384"]
        )
        let text = configuration.render(showingOrigins: true)
        #expect(text.contains("  level: debug  # \(fixture.configPath):2\n"))
        #expect(text.contains("  line_length: 16384  # environment COLUMBA_LIMITS_LINE_LENGTH\n"))
        #expect(text.contains("  format: text\n"))
    }
}
