import ColumbaBench
import Foundation
import NIOCore
import NIOPosix

/// Runs the scripts under scripts/bench that start and stop the servers under test.
enum BenchScripts {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ name: String) -> String {
        root.appendingPathComponent("scripts/bench/\(name)").path
    }

    /// Runs scripts/bench/`name` with `arguments` and returns its standard output; its standard
    /// error goes to this process's. Waits with waitpid (Foundation's Process did not notice the
    /// script's exit inside this test process) and starts it with an empty signal mask, so that
    /// the daemons it starts can be stopped with SIGTERM.
    @discardableResult
    static func run(_ name: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let script = path(name)
        let argv: [UnsafeMutablePointer<CChar>?] = ([script] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var output: [Int32] = [0, 0]
        guard pipe(&output) == 0 else { throw CheckFailure("pipe failed: error \(errno)") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        // Nothing else of this process reaches the script and the daemon it leaves running: not
        // another test's pipe (whose reader would never see its end) nor a listening socket (whose
        // port would stay taken). glibc 2.34 has the action; Swift's Glibc module does not export it.
        if let closeFrom = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
            _ = unsafeBitCast(closeFrom, to: AddCloseFrom.self)(&actions, 3)
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, script, &actions, &attributes, argv, envp)
        close(output[1])
        defer { close(output[0]) }
        guard spawned == 0 else { throw CheckFailure("cannot run \(script): error \(spawned)") }
        var text: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(output[0], &chunk, chunk.count)
            if count > 0 {
                text += chunk[0..<count]
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else {
            throw CheckFailure("scripts/bench/\(name) \(arguments.joined(separator: " ")) failed (wait status \(status))")
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A loopback port nothing listens on (bound and released), below Linux's ephemeral range
    /// (32768-60999), so that no client connection of a test running meanwhile is given it as its
    /// local port before the server binds it.
    static func freePort() async throws -> Int {
        var failure: (any Error)?
        for _ in 0..<50 {
            do {
                let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .bind(host: "127.0.0.1", port: Int.random(in: 20_000...32_000)).get()
                let port = channel.localAddress?.port ?? 0
                try await channel.close()
                return port
            } catch {
                failure = error
            }
        }
        throw failure!
    }
}
