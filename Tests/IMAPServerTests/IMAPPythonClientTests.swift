import Foundation
import MailTesting
import Testing

@testable import IMAPServer

/// Python's imaplib, a client we did not write, through every command family the server offers.
///
/// Runs `TEST_PYTHON` (scripts/test sets it), else `python3` from PATH; without either the test
/// is skipped, unless `TEST_REQUIRE_PEERS=1` makes that a failure.
@Suite("IMAP with imaplib")
struct IMAPPythonClientTests {
    static let script = #"""
        import imaplib, sys, time
        port = int(sys.argv[1])
        imaplib.Commands.setdefault("ID", ("NONAUTH", "AUTH", "SELECTED"))
        imaplib.Commands.setdefault("UNAUTHENTICATE", ("AUTH", "SELECTED"))
        m = imaplib.IMAP4("127.0.0.1", port)
        for capability in ("IMAP4REV2", "ID", "ENABLE", "LITERAL-", "AUTH=PLAIN"):
            assert capability in m.capabilities, m.capabilities
        typ, data = m._simple_command("ID", '("name" "imaplib")')
        assert typ == "OK", (typ, data)
        assert m._untagged_response(typ, data, "ID")[1] == [b'("name" "Columba")']
        typ, data = m.login("alice@example.test", "wonderland")
        assert typ == "OK", (typ, data)
        for capability in ("LIST-EXTENDED", "SPECIAL-USE", "LITERAL+", "UNAUTHENTICATE"):
            assert capability in m.capabilities or capability in data[0].decode(), (capability, data)
        assert m.namespace() == ("OK", [b'(("" "/")) NIL NIL'])
        assert m.create("Archive/2026")[0] == "OK"
        assert m.create("Archive/2026")[0] == "NO"
        assert m.list()[1] == [b'(\\HasChildren) "/" Archive', b'(\\HasNoChildren) "/" Archive/2026', b'(\\HasNoChildren) "/" INBOX']
        assert m.list("Archive/", "%")[1] == [b'(\\HasNoChildren) "/" Archive/2026']
        assert m.subscribe("Archive/2026")[0] == "OK"
        assert m.lsub()[1] == [b'() "/" Archive/2026']
        assert m.unsubscribe("Archive/2026")[0] == "OK"
        assert m.lsub()[1] == [None]
        message = b"From: a@example.test\r\nSubject: imaplib\r\n\r\nbody\r\n"
        typ, data = m.append("Archive/2026", "(\\Seen)", imaplib.Time2Internaldate(time.time()), message)
        assert typ == "OK" and b"[APPENDUID " in data[0], (typ, data)
        typ, data = m.append("INBOX", None, None, message)
        assert typ == "OK", (typ, data)
        typ, data = m.status("Archive/2026", "(MESSAGES UNSEEN SIZE RECENT)")
        assert data == [b"Archive/2026 (MESSAGES 1 UNSEEN 0 SIZE %d RECENT 0)" % len(message)], data
        assert m.status("Nope", "(MESSAGES)")[0] == "NO"
        assert m.rename("Archive", "Old")[0] == "OK"
        assert m.list('""', "Old*")[1] == [b'(\\HasChildren) "/" Old', b'(\\HasNoChildren) "/" Old/2026']
        assert m.delete("Old/2026")[0] == "OK"
        assert m.delete("Old/2026")[0] == "NO"
        typ, data = m.enable("UTF8=ACCEPT")
        assert typ == "OK", (typ, data)
        assert m.create('"Entwürfe"')[0] == "OK"  # imaplib does not quote; UTF-8 is only allowed quoted
        assert m.list('""', "Entw*")[1] == ['(\\HasNoChildren) "/" "Entwürfe"'.encode()], m.list('""', "Entw*")
        assert m._simple_command("UNAUTHENTICATE")[0] == "OK"
        try:
            m.list()
            raise SystemExit("LIST accepted after UNAUTHENTICATE")
        except imaplib.IMAP4.error:
            pass
        m.logout()
        print("imaplib ok")
        """#

    static var python: String? {
        let environment = ProcessInfo.processInfo.environment
        if let python = environment["TEST_PYTHON"] { return python }
        for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    @Test("imaplib: ID, LOGIN, NAMESPACE, CREATE, LIST, LSUB, SUBSCRIBE, APPEND, STATUS, RENAME, DELETE, ENABLE, UNAUTHENTICATE")
    func imaplib() async throws {
        guard let python = Self.python else {
            #expect(ProcessInfo.processInfo.environment["TEST_REQUIRE_PEERS"] != "1", "no python3 for the imaplib test")
            return
        }
        try await IMAPTestServer.run { server in
            let arguments = ["-c", Self.script, String(server.port)]
            // imaplib blocks; run it on its own thread, not on the pool the server's sessions use.
            let result = try await withCheckedThrowingContinuation { continuation in
                Thread {
                    continuation.resume(with: Result { try ChildProcess.run(python, arguments) })
                }.start()
            }
            #expect(result.status == 0, "\(result.output)\n\(result.error)")
            #expect(result.output.contains("imaplib ok"))
        }
    }
}
