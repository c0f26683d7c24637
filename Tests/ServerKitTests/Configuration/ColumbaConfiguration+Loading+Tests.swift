import Logging
import Testing

@testable import ServerKit

@Suite("Configuration loading")
struct ColumbaConfigurationLoadingTests {
    // MARK: - One test per error class: each message names file, line and key

    @Test("unknown key: file:line: key, with a suggestion")
    func unknownKey() async throws {
        let fixture = try ConfigurationFixture()
        let problems = try await fixture.problems("log:\n  levl: debug\n")
        #expect(problems == ["\(fixture.configPath):2: log.levl: unknown key; did you mean `level`?"])
    }

    @Test("wrong type: a word where an integer belongs")
    func wrongTypeScalar() async throws {
        let fixture = try ConfigurationFixture()
        let problems = try await fixture.problems("listeners:\n  imap:\n    protocol: imap\n    port: abc\n")
        #expect(
            problems == [
                "\(fixture.configPath):4: listeners.imap.port: \"abc\" is not an integer; "
                    + "expected an integer in 0...65535"
            ]
        )
    }

    @Test("wrong type: a mapping where a value belongs")
    func wrongTypeStructure() async throws {
        let fixture = try ConfigurationFixture()
        let problems = try await fixture.problems("hostname:\n  name: mail.example.org\n")
        #expect(problems == ["\(fixture.configPath):1: hostname: is a mapping; expected a single value"])
    }

    @Test("out of range")
    func outOfRange() async throws {
        let fixture = try ConfigurationFixture()
        let problems = try await fixture.problems("listeners:\n  imap:\n    protocol: imap\n    port: 70000\n")
        #expect(problems == ["\(fixture.configPath):4: listeners.imap.port: 70000 is out of range; expected 0...65535"])
    }

    @Test("value not in the allowed set")
    func notInSet() async throws {
        let fixture = try ConfigurationFixture()
        let problems = try await fixture.problems("tls:\n  min_version: \"1.0\"\nlog:\n  level: warn\n")
        #expect(
            problems == [
                "\(fixture.configPath):2: tls.min_version: \"1.0\" is not allowed; expected one of 1.2, 1.3",
                "\(fixture.configPath):4: log.level: \"warn\" is not allowed; "
                    + "expected one of trace, debug, info, notice, "
                    + "warning, error, critical (did you mean warning?)",
            ]
        )
    }

    @Test("missing required key: postgresql without url or host")
    func missingRequired() async throws {
        let fixture = try ConfigurationFixture()
        let yaml = """
            auth:
              passdb:
                driver: postgresql
                password_query: SELECT password FROM users WHERE userid = '%u'
            """
        let problems = try await fixture.problems(yaml)
        #expect(problems.count == 1)
        #expect(
            problems.first?.hasPrefix("\(fixture.configPath):2: auth.passdb.url: missing required key; expected url")
                == true
        )
    }

    @Test("YAML syntax error names the file and line")
    func syntaxError() async throws {
        let fixture = try ConfigurationFixture()
        let problems = try await fixture.problems("log:\n  level: info\n format: text\n")
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("\(fixture.configPath):3: YAML syntax error: ") == true)
    }

    @Test("missing file")
    func missingFile() async throws {
        let fixture = try ConfigurationFixture()
        let path = fixture.directory + "/absent.yaml"
        await #expect {
            _ = try await ColumbaConfiguration.load(file: path, environment: [:])
        } throws: { error in
            (error as? ConfigurationError)?.description.hasPrefix("\(path): no such file; ") == true
        }
    }

    @Test("environment variable with a bad value names the variable and key")
    func environmentBadValue() async throws {
        let fixture = try ConfigurationFixture()
        let problems = try await fixture.problems(
            "listeners:\n  imap:\n    protocol: imap\n    port: 1143\n",
            environment: ["COLUMBA_LISTENERS_IMAP_PORT": "99999"]
        )
        #expect(
            problems == [
                "environment COLUMBA_LISTENERS_IMAP_PORT: listeners.imap.port: 99999 is out of range; "
                    + "expected 0...65535"
            ]
        )
    }

    @Test("environment variable that names no key")
    func environmentUnknownVariable() async throws {
        let fixture = try ConfigurationFixture()
        let problems = try await fixture.problems("", environment: ["COLUMBA_LISTENERS_IMAP_PROT": "1"])
        #expect(
            problems == [
                "environment COLUMBA_LISTENERS_IMAP_PROT: names no configuration key; "
                    + "did you mean COLUMBA_LISTENERS_IMAP_PORT?"
            ]
        )
    }

    @Test("plain-text passwords on a public address are refused with a fix")
    func unsafeListener() async throws {
        let fixture = try ConfigurationFixture()
        let yaml = """
            auth:
              plaintext: allow
            listeners:
              imap: { protocol: imap, address: 0.0.0.0, port: 143, tls: none }
            """
        let problems = try await fixture.problems(yaml)
        #expect(problems.count == 1)
        #expect(
            problems.first?.hasPrefix("\(fixture.configPath):4: listeners.imap.tls: none on 0.0.0.0 port 143") == true
        )
        #expect(problems.first?.contains("set tls: starttls or implicit, or auth.plaintext: require_tls") == true)
    }

    @Test("all problems are reported, in line order")
    func collectsAll() async throws {
        let fixture = try ConfigurationFixture()
        let yaml = """
            hostnme: mail.example.org
            limits:
              max_connections: 0
              idle_timeout: forever
            """
        let problems = try await fixture.problems(yaml)
        #expect(
            problems.map { $0.prefix(while: { $0 != " " }) } == [
                "\(fixture.configPath):1:", "\(fixture.configPath):3:", "\(fixture.configPath):4:",
            ]
        )
    }

    // MARK: - Effective values

    @Test("the embedded default")
    func embeddedDefault() async throws {
        let configuration = try await ColumbaConfiguration.load(
            file: nil,
            dataDirectory: "/srv/columba",
            environment: [:],
            hostname: "mail.example.org"
        )
        #expect(
            configuration
                == .embeddedDefault(dataDirectory: "/srv/columba", hostname: "mail.example.org")
                .with(sources: configuration.sources)
        )
        #expect(configuration.listeners.map(\.port) == [1143, 1993, 1024, 2525, 1587, 4190])
        #expect(configuration.tls.pair.certificate == "/srv/columba/tls/cert.pem")
        #expect(configuration.tls.usesGeneratedCertificate)
        #expect(configuration.auth.passdb == .passwdFile(path: "/srv/columba/users"))
        #expect(configuration.sources.origin(of: "data_dir") == .commandLine(option: "--data"))
    }

    @Test("environment overrides the file, the file overrides the default")
    func environmentOverridesFile() async throws {
        let fixture = try ConfigurationFixture()
        let yaml = """
            log:
              level: debug
            listeners:
              imap: { protocol: imap, port: 1143 }
              submissions: { port: 4465 }
            """
        let configuration = try await fixture.load(yaml, environment: ["COLUMBA_LISTENERS_IMAP_PORT": "2143"])
        #expect(configuration.log.level == .debug)
        #expect(configuration.listeners.map(\.port) == [2143, 4465])
        #expect(configuration.listeners[1].serviceProtocol == .submission)
        #expect(configuration.listeners[1].tls == .implicit)
        #expect(
            configuration.sources.origin(of: "listeners.imap.port")
                == .environment(variable: "COLUMBA_LISTENERS_IMAP_PORT")
        )
        #expect(configuration.sources.origin(of: "log.level") == .file(path: fixture.configPath, line: 2))
        #expect(configuration.sources.origin(of: "log.format") == .embeddedDefault)
    }

    @Test("lists, durations and drivers")
    func typedValues() async throws {
        let fixture = try ConfigurationFixture()
        let yaml = """
            listeners:
              imap: { protocol: imap, address: [127.0.0.1, "::1"], port: 1143, tls: starttls }
            auth:
              mechanisms: [plain, scram-sha-256]
              cache_ttl: 500ms
              failure_delay: { initial: 1s, max: 2m }
              passdb:
                driver: sqlite
                path: /var/lib/columba/users.db
                password_query: SELECT password FROM users WHERE userid = '%u'
              userdb: { driver: static, home: /srv/mail/%d/%n }
            """
        let configuration = try await fixture.load(yaml, environment: ["COLUMBA_AUTH_CACHE_TTL": "90"])
        #expect(configuration.listeners[0].addresses == ["127.0.0.1", "::1"])
        #expect(configuration.auth.mechanisms == [.plain, .scramSHA256])
        #expect(configuration.auth.cacheTTL == .seconds(90))
        #expect(configuration.auth.failureDelay == .init(initial: .seconds(1), max: .seconds(120)))
        #expect(configuration.auth.userdb == .staticFields(home: "/srv/mail/%d/%n"))
        guard case .sqlite(let path, let queries) = configuration.auth.passdb else {
            Issue.record("expected a sqlite passdb")
            return
        }
        #expect(path == "/var/lib/columba/users.db")
        #expect(queries.password == "SELECT password FROM users WHERE userid = '%u'")
    }
}

extension ColumbaConfiguration {
    fileprivate func with(sources: ConfigurationSources) -> ColumbaConfiguration {
        var copy = self
        copy.sources = sources
        return copy
    }
}

@Suite("Configuration cross-key checks")
struct ColumbaConfigurationCrossKeyTests {
    @Test("a key of another database driver is refused")
    func keyOfAnotherDriver() async throws {
        let fixture = try ConfigurationFixture()
        let problems = try await fixture.problems(
            "auth:\n  userdb:\n    driver: passwd-file\n    user_query: SELECT 1\n"
        )
        #expect(
            problems == [
                "\(fixture.configPath):4: auth.userdb.user_query: is not used by driver passwd-file; expected only path"
            ]
        )
    }

    @Test("an SNI entry needs a key")
    func sniWithoutKey() async throws {
        let fixture = try ConfigurationFixture()
        let problems = try await fixture.problems("tls:\n  sni:\n    mail.example.net:\n      certificate: /x.pem\n")
        #expect(
            problems == [
                "\(fixture.configPath):3: tls.sni.mail.example.net.key: missing required key; "
                    + "expected the PEM private key file served for mail.example.net"
            ]
        )
    }

    @Test("two listeners on one port")
    func duplicatePort() async throws {
        let fixture = try ConfigurationFixture()
        let yaml = """
            listeners:
              imap: { address: 0.0.0.0, port: 1143 }
              other: { protocol: lmtp, address: 127.0.0.1, port: 1143 }
            """
        let problems = try await fixture.problems(yaml)
        #expect(
            problems == [
                "\(fixture.configPath):3: listeners.other.port: 127.0.0.1 port 1143 is already used by listener imap; "
                    + "expected a different port or address"
            ]
        )
    }

    @Test("an empty file is the embedded default")
    func emptyFile() async throws {
        let fixture = try ConfigurationFixture()
        let configuration = try await fixture.load("# nothing yet\n")
        #expect(configuration.listeners.count == 6)
        #expect(configuration.sources.file == fixture.configPath)
    }
}
