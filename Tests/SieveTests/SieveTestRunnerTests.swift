import Foundation
import Testing

import Sieve

/// Reads sub-scripts and included scripts from a directory.
struct DirectorySource: SieveTestFileSource {
    var directory: URL

    func text(at path: String) -> String? {
        try? String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
    }
}

/// Files given in memory, for tests of the runner itself.
struct MemorySource: SieveTestFileSource {
    var files: [String: String]

    func text(at path: String) -> String? { files[path] }
}

@Suite("Sieve .svtest suite")
struct SieveTestSuiteTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("svtest")

    static let files: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".svtest") }.sorted()

    /// 2026-11-29 05:51:45 UTC, a Sunday.
    static let now = 1_795_931_505

    @Test("the suite has one file per extension")
    func suiteExists() {
        #expect(Self.files.count >= 20)
    }

    @Test("every block of the file succeeds", arguments: files)
    func file(_ name: String) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
        let runner = SieveTestRunner(directory: Self.directory.path, source: DirectorySource(directory: Self.directory), now: Self.now)
        let report = runner.run(text)
        #expect(report.failed == 0, "\(name):\n\(report.lines.joined(separator: "\n"))")
        #expect(report.passed >= 3, "\(name) has too few passing blocks")
    }
}

@Suite("Sieve test runner")
struct SieveTestRunnerTests {
    private func run(_ text: String, files: [String: String] = [:]) -> SieveTestReport {
        SieveTestRunner(directory: "/tests", source: MemorySource(files: files)).run(text)
    }

    @Test("a failing block is reported as failed, the others as succeeded")
    func failingBlock() {
        let report = run("""
            require "vnd.dovecot.testsuite";
            test "passes" { if false { test_fail "not reached"; } }
            test "fails" { test_fail "deliberately"; test_fail "not reached either"; }
            test "runs after a failure" { }
            """)
        #expect(report.lines == [
            " 1: Test 'passes' SUCCEEDED",
            " 2: Test 'fails' FAILED: deliberately",
            " 3: Test 'runs after a failure' SUCCEEDED",
            "2 passed, 1 failed",
        ])
    }

    @Test("a file that does not compile, or fails outside a block, fails as a whole")
    func fileFailures() {
        let broken = run("require \"vnd.dovecot.testsuite\";\ntest \"x\" { frop; }")
        #expect(broken.failed == 1)
        #expect(broken.fileFailure?.contains("2:12") == true)
        let outside = run("require \"vnd.dovecot.testsuite\";\ntest_fail \"top\";")
        #expect(outside.failed == 1)
        #expect(outside.outcomes.isEmpty)
    }

    @Test("a setting the engine lacks skips the block instead of failing it")
    func skipped() {
        let report = run("""
            require "vnd.dovecot.testsuite";
            test "extlists" { test_config_set "sieve_extlists_list" "x"; test_fail "not reached"; }
            """)
        #expect(report.lines == [" 1: Test 'extlists' SKIPPED: setting 'sieve_extlists_list' is not supported",
                                 "0 passed, 0 failed, 1 skipped"])
    }

    @Test("vnd.dovecot.testsuite exists only in the runner")
    func onlyInRunner() {
        #expect(throws: SieveSyntaxError.self) {
            try SieveScript(compiling: "require \"vnd.dovecot.testsuite\";")
        }
        #expect(throws: SieveSyntaxError.self) {
            try SieveScript(compiling: "test_fail \"x\";")
        }
    }

    @Test("a sub-script's test_fail makes test_script_run false")
    func subScriptFailure() {
        let report = run("""
            require "vnd.dovecot.testsuite";
            test "sub" {
                if not test_script_compile "sub.sieve" { test_fail "compile"; }
                if test_script_run { test_fail "the sub-script's failure went unseen"; }
            }
            """, files: ["sub.sieve": "require \"vnd.dovecot.testsuite\";\ntest_fail \"inner\";"])
        #expect(report.lines == [" 1: Test 'sub' SUCCEEDED", "1 passed, 0 failed"])
    }
}
