import Testing

@testable import ServerKit

@Suite("LMTP and Sieve configuration")
struct DeliveryConfigurationTests {
    @Test("lmtp and sieve keys are read, with defaults when absent")
    func readsKeys() async throws {
        let fixture = try ConfigurationFixture()
        let defaults = try await fixture.load("hostname: mail.example.org\n")
        #expect(defaults.lmtp == LMTPConfiguration(receivedHeader: true, maxMessageSize: 50 * 1024 * 1024, maxRecipients: 500))
        #expect(defaults.sieve == SieveConfiguration())
        let configuration = try await fixture.load("""
            lmtp: { received_header: false, max_message_size: 10000, max_recipients: 20 }
            sieve:
              before: [/etc/columba/sieve/before.d]
              after: /etc/columba/sieve/after.sieve
              relay: "127.0.0.1:25"
              max_script_size: 65536
              max_scripts: 20
            """)
        #expect(configuration.lmtp == LMTPConfiguration(receivedHeader: false, maxMessageSize: 10000, maxRecipients: 20))
        #expect(configuration.sieve == SieveConfiguration(
            before: ["/etc/columba/sieve/before.d"], after: ["/etc/columba/sieve/after.sieve"], relay: "127.0.0.1:25",
            maxScriptSize: 65536, maxScripts: 20
        ))
    }

    @Test("bad values are reported at their line")
    func problems() async throws {
        let fixture = try ConfigurationFixture()
        let problems = try await fixture.problems("""
            lmtp:
              received_header: maybe
              max_recipients: 0
            sieve:
              relay: smtp.example.org
              max_script_size: 2097152
              max_scripts: 0
            """)
        #expect(problems == [
            "\(fixture.configPath):2: lmtp.received_header: \"maybe\" is not a boolean; expected true or false",
            "\(fixture.configPath):3: lmtp.max_recipients: 0 is out of range; expected 1...100000",
            "\(fixture.configPath):5: sieve.relay: \"smtp.example.org\" is not host:port; expected an address such as 127.0.0.1:25",
            "\(fixture.configPath):6: sieve.max_script_size: 2097152 is out of range; expected 1024...1048576",
            "\(fixture.configPath):7: sieve.max_scripts: 0 is out of range; expected 1...10000",
        ])
    }
}

@Suite("Mail storage configuration")
struct MailStorageConfigurationTests {
    @Test("mail.format, mail.mdbox_rotate_size and mail.io_threads are read, with defaults when absent")
    func readsKeys() async throws {
        let fixture = try ConfigurationFixture()
        let defaults = try await fixture.load("hostname: mail.example.org\n")
        #expect(defaults.mailFormat == .sdbox)
        #expect(defaults.mdboxRotateSize == 10 << 20)
        #expect(defaults.mailIOThreads == 32)
        let configuration = try await fixture.load("mail: { format: mdbox, mdbox_rotate_size: 2M, io_threads: 8 }\n")
        #expect(configuration.mailFormat == .mdbox)
        #expect(configuration.mdboxRotateSize == 2 << 20)
        #expect(configuration.mailIOThreads == 8)
        #expect(configuration.render().contains("format: mdbox"))
        #expect(configuration.render().contains("mdbox_rotate_size: 2M"))
        #expect(configuration.render().contains("io_threads: 8"))
    }

    @Test("bad values are reported at their line")
    func problems() async throws {
        let fixture = try ConfigurationFixture()
        let problems = try await fixture.problems("""
            mail:
              format: maildir
              mdbox_rotate_size: 10 furlongs
              io_threads: 0
            """)
        #expect(problems == [
            "\(fixture.configPath):2: mail.format: \"maildir\" is not allowed; expected one of sdbox, mdbox",
            "\(fixture.configPath):3: mail.mdbox_rotate_size: \"10 furlongs\" is not a size; expected bytes or a number with k, M or G, such as 10M, in 1k...4G",
            "\(fixture.configPath):4: mail.io_threads: 0 is out of range; expected 1...1024",
        ])
    }
}
