import Foundation
import MailTesting
import NIOCore
import NIOPosix
import Testing

/// Outside programs the LMTP tests talk to.
enum Peers {
    static let environment = ProcessInfo.processInfo.environment
    /// With `TEST_REQUIRE_PEERS=1` (scripts/test) a missing peer fails the test instead of skipping it.
    static var required: Bool { environment["TEST_REQUIRE_PEERS"] == "1" }
    /// `TEST_PYTHON`, else python3 on PATH.
    static var python: String { environment["TEST_PYTHON"] ?? "python3" }

    /// Records a missing peer: an issue when peers are required, else nothing (the test skips).
    static func missing(_ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if required { Issue.record("\(what) is not installed", sourceLocation: sourceLocation) }
    }

    /// Runs a program on a thread of its own, so a blocking child never holds a thread the
    /// in-process server needs.
    static func run(_ executable: String, _ arguments: [String]) async throws -> ChildProcess.Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try ChildProcess.run(executable, arguments) })
            }.start()
        }
    }

    /// A loopback TCP port that was free a moment ago.
    static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress!.port!
        try await channel.close()
        return port
    }

    /// Polls `condition` every 100 ms until it holds or `timeout` passes (a hang guard).
    static func waitUntil(timeout: Duration = .seconds(90), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }
}

/// A private Postfix instance on loopback (Debian's postfix package), whose virtual domain
/// example.test is delivered over LMTP to `lmtpPort`. `postfix start` needs root; the daemons
/// drop to the `postfix` user.
struct PostfixInstance {
    let directory: String
    let smtpPort: Int

    static var installed: Bool { FileManager.default.isExecutableFile(atPath: "/usr/sbin/postfix") }

    static func start(lmtpPort: Int) async throws -> PostfixInstance {
        let directory = NSTemporaryDirectory() + "columba-postfix-\(UUID().uuidString.prefix(8))"
        let smtpPort = try await Peers.freePort()
        let config = "\(directory)/etc"
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        try """
            compatibility_level = 3.6
            queue_directory = \(directory)/queue
            data_directory = \(directory)/data
            maillog_file = \(directory)/maillog
            maillog_file_prefixes = \(directory)
            mail_owner = postfix
            setgid_group = postdrop
            myhostname = relay.example.test
            mydomain = example.test
            myorigin = $mydomain
            mydestination =
            local_recipient_maps =
            alias_maps =
            alias_database =
            inet_interfaces = 127.0.0.1
            inet_protocols = ipv4
            mynetworks = 127.0.0.0/8
            smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
            virtual_mailbox_domains = example.test
            virtual_mailbox_maps =
            smtpd_reject_unlisted_recipient = no
            virtual_transport = lmtp:inet:[127.0.0.1]:\(lmtpPort)
            smtp_dns_support_level = disabled
            lmtp_dns_support_level = disabled
            smtputf8_enable = yes
            biff = no

            """.write(toFile: "\(config)/main.cf", atomically: true, encoding: .utf8)
        let script = """
            set -e
            sed -E -e 's/^smtp( +)inet( +n +- +)y/127.0.0.1:\(smtpPort) inet  n       -       n/' \
                   -e '/^[a-z]/ s/^([a-z0-9.:]+ +[a-z-]+ +[-ny] +[-ny] +)y/\\1n/' \
                   /usr/share/postfix/master.cf.dist > '\(config)/master.cf'
            grep -q '^127.0.0.1:\(smtpPort) ' '\(config)/master.cf'
            mkdir -p '\(directory)/queue' '\(directory)/data'
            chown postfix '\(directory)/data'
            chmod 755 '\(directory)'
            postfix -c '\(config)' start
            """
        let result = try await Peers.run("/bin/sh", ["-c", script])
        guard result.status == 0 else {
            throw PostfixError(message: "postfix start failed: \(result.output)\(result.error)")
        }
        let instance = PostfixInstance(directory: directory, smtpPort: smtpPort)
        let up = try await Peers.waitUntil(timeout: .seconds(30)) {
            guard let probe = try? await LineClient.connect(port: smtpPort) else { return false }
            await probe.close()
            return true
        }
        guard up else { throw PostfixError(message: "postfix smtpd did not come up: \(instance.log)") }
        return instance
    }

    /// Postfix's log.
    var log: String {
        (try? String(contentsOfFile: "\(directory)/maillog", encoding: .utf8)) ?? ""
    }

    func stop() async throws {
        _ = try await Peers.run("/usr/sbin/postfix", ["-c", "\(directory)/etc", "stop"])
    }
}

struct PostfixError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
