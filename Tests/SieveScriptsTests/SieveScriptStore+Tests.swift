import Foundation
import SieveScripts
import Testing

@Suite("SieveScriptStore")
struct SieveScriptStoreTests {
    let home: String
    let store: SieveScriptStore

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("columba-scripts-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        store = SieveScriptStore(home: home)
    }

    /// What the folder holds besides the scripts and `.active`: temporary files left behind.
    private func strayFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: store.directory).filter { $0.contains(".tmp.") }
    }

    @Test("the on-disk layout: NAME.sieve, the active name in .active, mode 0600")
    func layout() throws {
        try store.put("main", text: "keep;\n")
        try store.activate("main")
        #expect(try String(contentsOfFile: home + "/sieve/main.sieve", encoding: .utf8) == "keep;\n")
        #expect(try String(contentsOfFile: home + "/sieve/.active", encoding: .utf8) == "main\n")
        let mode = try FileManager.default.attributesOfItem(atPath: store.path(of: "main"))[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(store.size(of: "main") == 6)
        #expect(try strayFiles().isEmpty)
    }

    @Test("renaming the active script keeps it active; the new name must be free")
    func rename() throws {
        try store.put("main", text: "keep;\n")
        try store.put("spare", text: "discard;\n")
        try store.activate("main")
        try store.rename("main", to: "filing")
        #expect(try store.list().names == ["filing", "spare"])
        #expect(store.activeName() == "filing")
        #expect(try store.read("filing") == "keep;\n")
        #expect(refusal { try store.rename("filing", to: "spare") } == .alreadyExists)
        #expect(try store.read("spare") == "discard;\n")
        #expect(refusal { try store.rename("missing", to: "other") } == .nonexistent)
        #expect(try strayFiles().isEmpty)
    }

    @Test("refusals say their kind")
    func refusals() throws {
        try store.put("main", text: "keep;\n")
        try store.activate("main")
        #expect(refusal { try store.delete("main") } == .active)
        #expect(refusal { try store.delete("other") } == .nonexistent)
        #expect(refusal { try store.activate("other") } == .nonexistent)
        #expect(refusal { try store.rename("main", to: "main") } == .alreadyExists)
        #expect(refusal { try store.put("../escape", text: "keep;") } == .invalidName)
        #expect(refusal { try store.put(".active", text: "keep;") } == .invalidName)
    }

    /// The kind of the store's refusal, or nil when `operation` succeeded.
    private func refusal(_ operation: () throws -> Void) -> SieveScriptStoreError.Kind? {
        do {
            try operation()
            return nil
        } catch {
            return (error as? SieveScriptStoreError)?.kind
        }
    }

    @Test("an .active naming a missing script means no script is active")
    func danglingActive() throws {
        try store.put("main", text: "keep;\n")
        try "gone\n".write(toFile: store.directory + "/.active", atomically: false, encoding: .utf8)
        #expect(store.activeName() == nil)
        #expect(store.activePath() == nil)
        try store.deactivate()
        try store.deactivate()
        #expect(!FileManager.default.fileExists(atPath: store.directory + "/.active"))
    }

    @Test("names: control characters, slashes, a leading dot and Unicode line separators are refused",
          arguments: ["", ".hidden", "a/b", "tab\there", "del\u{7F}", "c1\u{85}", "line\u{2028}", String(repeating: "n", count: 129)])
    func invalidNames(_ name: String) {
        #expect(!SieveScriptStore.isValidName(name))
    }

    @Test("names may be any other UTF-8 text", arguments: ["main", "Ferien 2026", "vacación", "a.b", String(repeating: "n", count: 128)])
    func validNames(_ name: String) {
        #expect(SieveScriptStore.isValidName(name))
    }
}
