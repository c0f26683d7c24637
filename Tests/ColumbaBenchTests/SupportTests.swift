import ColumbaBench
import Foundation
import NIOCore
import Testing

@Suite("Bench support")
struct SupportTests {
    @Test("mbox: split at From lines, >From unquoted, CRLF line ends, separator blank line dropped")
    func mbox() {
        let mbox = "From a@b Sat Jan  3 01:05:34 1996\nSubject: one\n\n>From the start\nbody\n\n"
            + "From c@d Sat Jan  3 01:05:35 1996\r\nSubject: two\r\n\r\n>>From quoted\r\n"
        let messages = MboxReader.messages(in: Array(mbox.utf8))
        #expect(messages.map { String(buffer: $0) } == [
            "Subject: one\r\n\r\nFrom the start\r\nbody\r\n",
            "Subject: two\r\n\r\n>From quoted\r\n",
        ])
        #expect(MboxReader.messages(in: Array("no separator\n".utf8)).isEmpty)
    }

    @Test("users from a pattern or a file")
    func users() throws {
        let pattern = try UserDirectory(pattern: "user%d@example.org", range: 3...4, password: "pw")
        #expect(pattern.accounts == [.init(name: "user3@example.org", password: "pw"), .init(name: "user4@example.org", password: "pw")])
        #expect(pattern.account(forClient: 3).name == "user4@example.org")
        #expect(throws: CheckFailure.self) { try UserDirectory(pattern: "fixed", range: 1...2, password: "pw") }
        let file = try UserDirectory(fileContents: "# accounts\nalice:secret:colon\r\n\nbob pass\n")
        #expect(file.accounts == [.init(name: "alice", password: "secret:colon"), .init(name: "bob", password: "pass")])
        #expect(throws: CheckFailure.self) { try UserDirectory(fileContents: "nopassword\n") }
    }

    @Test("mixed profile weights override the standard ones")
    func weights() throws {
        let profile = try MixedProfile(overriding: "search=0,NOOP=20")
        #expect(profile.weight(of: .search) == 0 && profile.weight(of: .noop) == 20 && profile.weight(of: .fetch) == 100)
        #expect(throws: CheckFailure.self) { try MixedProfile(overriding: "fetch=101") }
        #expect(throws: CheckFailure.self) { try MixedProfile(overriding: "copy=10") }
    }

    @Test("seeded generator and synthetic messages repeat for a seed")
    func seeded() {
        var first = SeededGenerator(seed: 5)
        var second = SeededGenerator(seed: 5)
        #expect((0..<4).map { _ in first.next() } == (0..<4).map { _ in second.next() })
        #expect(MessageSource.synthetic(count: 3, seed: 1).messages == MessageSource.synthetic(count: 3, seed: 1).messages)
        #expect(MessageSource.synthetic(count: 3, seed: 1).messages != MessageSource.synthetic(count: 3, seed: 2).messages)
    }

    @Test("process memory: this process's tree has resident memory")
    func memory() {
        let pid = ProcessInfo.processInfo.processIdentifier
        let memory = ProcessMemory.measure(.tree(rootPID: pid))
        #expect(memory.processCount >= 1)
        #expect(memory.rssKiB > 0)
        #expect(ProcessMemory.measure(.names(["no-such-process-name"])).processCount == 0)
        #expect(ProcessMemory.kibibytes(named: "VmRSS:", in: "Name:\tx\nVmRSS:\t    3388 kB\nVmSwap:\t0 kB\n") == 3388)
        #expect(ProcessMemory.kibibytes(named: "Pss:", in: "Rss:  10 kB\nPss:   7 kB\n") == 7)
        #expect(ProcessMemory.kibibytes(named: "Pss:", in: "Rss:  10 kB\n") == 0)
    }
}
