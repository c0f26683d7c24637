import FS
import Testing

@Suite("FSPath")
struct FSPathTests {
    @Test(
        "valid relative paths are accepted",
        arguments: [
            "a", "a/b", "dbox-Mails/u.1", "mailboxes/INBOX/dbox-Mails", "with space", "ümlaut", ".hidden", "a/.b",
            "..a", "a..",
        ]
    )
    func valid(string: String) throws {
        let path = try FSPath(string)
        #expect(path.string == string)
    }

    @Test(
        "invalid paths are refused with invalidPath",
        arguments: [
            "", "/abs", "/", "a/", "a//b", "./a", "a/./b", "..", "a/../b", "../a", "a\0b",
            ".temp.host.1.abc", "box/.temp.x", ".meta.u.1", "box/.meta.x",
            String(repeating: "x", count: 256), String(repeating: "abcdefgh/", count: 114) + "x",
        ]
    )
    func invalid(string: String) {
        #expect {
            try FSPath(string)
        } throws: { error in
            (error as? FSError)?.kind == .invalidPath && (error as? FSError)?.path == string
        }
    }

    @Test("parent, name and appending")
    func components() throws {
        let path = try FSPath("a/b/c")
        #expect(path.name == "c")
        #expect(path.parent == (try FSPath("a/b")))
        #expect(path.parent?.parent?.parent == nil)
        #expect(try path.appending("d/e") == (try FSPath("a/b/c/d/e")))
        #expect(throws: FSError.self) { try path.appending("../x") }
    }

    @Test("the longest allowed path and component are accepted")
    func limits() throws {
        _ = try FSPath(String(repeating: "x", count: 255))
        let long = String(repeating: "abcdefg/", count: 127) + "abcdefgh"
        #expect(long.utf8.count == FSPath.maximumLength)
        _ = try FSPath(long)
    }
}
