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
        assert data == [b"Archive/2026 (MESSAGES 1 UNSEEN 0 SIZE %d RECENT 1)" % len(message)], data
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

    /// COMPRESS=DEFLATE against Python's zlib (raw deflate, sync flush), over a plain socket:
    /// imaplib does not speak COMPRESS.
    static let compressScript = #"""
        import socket, sys, zlib
        port = int(sys.argv[1])

        class Connection:
            def __init__(self):
                # A hang guard, not a timed assertion.
                self.socket = socket.create_connection(("127.0.0.1", port), timeout=60)
                self.buffer = b""
                self.inflate = None
                self.deflate = None

            def send(self, data):
                if self.deflate:
                    data = self.deflate.compress(data) + self.deflate.flush(zlib.Z_SYNC_FLUSH)
                self.socket.sendall(data)

            def line(self):
                while b"\r\n" not in self.buffer:
                    data = self.socket.recv(65536)
                    if not data:
                        return None
                    self.buffer += self.inflate.decompress(data) if self.inflate else data
                line, self.buffer = self.buffer.split(b"\r\n", 1)
                return line.decode()

            def compress(self):
                self.inflate = zlib.decompressobj(wbits=-15)
                self.deflate = zlib.compressobj(wbits=-15)

        c = Connection()
        assert c.line().startswith("* OK [CAPABILITY")
        c.send(b"a1 COMPRESS DEFLATE\r\n")
        assert c.line() == "a1 BAD Log in first."
        c.send(b"a2 LOGIN alice@example.test wonderland\r\n")
        assert "COMPRESS=DEFLATE" in c.line()
        c.send(b"a3 COMPRESS LZW\r\n")
        assert c.line() == "a3 BAD Unsupported compression algorithm LZW."
        c.send(b"a4 COMPRESS DEFLATE\r\n")
        assert c.line() == "a4 OK DEFLATE active."
        c.compress()
        c.send(b"a5 NOOP\r\n")
        assert c.line() == "a5 OK NOOP completed."
        c.send(b"a6 COMPRESS DEFLATE\r\n")
        assert c.line() == "a6 NO [COMPRESSIONACTIVE] DEFLATE is already active."
        message = b"Subject: compressed\r\n\r\nhello\r\n"
        c.send(b"a7 APPEND INBOX {%d}\r\n" % len(message))
        assert c.line() == "+ Ready for literal data"
        c.send(message + b"\r\n")
        reply = c.line()
        assert reply.startswith("a7 OK [APPENDUID ") and reply.endswith(" 1] APPEND completed."), reply
        # 8 MB that deflate shrinks a thousandfold: inflated a batch at a time.
        big = b"Subject: big\r\n\r\n" + b"x" * 78 + b"\r\n"
        big += (b"y" * 98 + b"\r\n") * 80000
        c.send(b"a8 APPEND INBOX {%d+}\r\n" % len(big) + big + b"\r\n")
        reply = c.line()
        assert reply.endswith(" 2] APPEND completed."), reply
        c.send(b"a9 STATUS INBOX (MESSAGES SIZE)\r\n")
        assert c.line() == "* STATUS INBOX (MESSAGES 2 SIZE %d)" % (len(message) + len(big))
        assert c.line() == "a9 OK STATUS completed."
        c.send(b"b1 LOGOUT\r\n")
        assert c.line() == "* BYE Logging out."
        assert c.line() == "b1 OK LOGOUT completed."

        # Input that is not deflate data closes the connection.
        d = Connection()
        d.line()
        d.send(b"a1 LOGIN alice@example.test wonderland\r\n")
        d.line()
        d.send(b"a2 COMPRESS DEFLATE\r\n")
        assert d.line() == "a2 OK DEFLATE active."
        d.inflate = zlib.decompressobj(wbits=-15)
        d.send(b"\xff" * 64)
        assert d.line() is None
        print("compress ok")
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

    @Test("COMPRESS=DEFLATE against Python's zlib")
    func compress() async throws {
        guard let python = Self.python else {
            #expect(ProcessInfo.processInfo.environment["TEST_REQUIRE_PEERS"] != "1", "no python3 for the COMPRESS test")
            return
        }
        try await IMAPTestServer.run { server in
            let result = try await Self.run(python, ["-c", Self.compressScript, String(server.port)])
            #expect(result.status == 0, "\(result.output)\n\(result.error)")
            #expect(result.output.contains("compress ok"))
        }
    }

    /// Runs a child to completion on its own thread, not on the pool the server's sessions use.
    static func run(_ executable: String, _ arguments: [String]) async throws -> ChildProcess.Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try ChildProcess.run(executable, arguments) })
            }.start()
        }
    }

    @Test("imaplib: ID, LOGIN, NAMESPACE, CREATE, LIST, LSUB, SUBSCRIBE, APPEND, STATUS, RENAME, DELETE, ENABLE, UNAUTHENTICATE")
    func imaplib() async throws {
        guard let python = Self.python else {
            #expect(ProcessInfo.processInfo.environment["TEST_REQUIRE_PEERS"] != "1", "no python3 for the imaplib test")
            return
        }
        try await IMAPTestServer.run { server in
            let result = try await Self.run(python, ["-c", Self.script, String(server.port)])
            #expect(result.status == 0, "\(result.output)\n\(result.error)")
            #expect(result.output.contains("imaplib ok"))
        }
    }
}
