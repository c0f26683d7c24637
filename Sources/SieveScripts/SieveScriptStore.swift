import Foundation

/// A user's Sieve scripts in their home: `<home>/sieve/NAME.sieve`, and the name of the active
/// script in `<home>/sieve/.active` (one line; absent when no script is active).
///
/// LMTP delivery reads the active script; ManageSieve and `columba sieve` change the scripts.
/// Every write is crash safe: a script or the `.active` marker is written to a temporary file in
/// the same folder, synced, renamed over its target and the folder synced, so a delivery reading
/// at the same time, or the server after a crash, sees the old or the new content, never a part.
/// A rename of the active script first links the new name, then switches `.active`, then removes
/// the old name: at every step the active script exists.
///
/// All calls block on the file system; servers call them from a thread pool.
public struct SieveScriptStore: Sendable {
    /// `<home>/sieve`.
    public let directory: String

    /// The most characters a script name may have.
    public static let maximumNameLength = 128
    static let suffix = ".sieve"
    static let activeMarker = ".active"

    public init(home: String) {
        self.directory = home + "/sieve"
    }

    /// The path of script `name`.
    public func path(of name: String) -> String {
        "\(directory)/\(name)\(Self.suffix)"
    }

    /// The script names, sorted, and which one is active.
    public func list() throws -> (names: [String], active: String?) {
        (names(), activeName())
    }

    /// The script names, sorted.
    public func names() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.filter { $0.hasSuffix(Self.suffix) && !$0.hasPrefix(".") }
            .map { String($0.dropLast(Self.suffix.count)) }.sorted()
    }

    /// The active script's name, when one is active and exists.
    public func activeName() -> String? {
        guard let data = FileManager.default.contents(atPath: activeMarkerPath) else { return nil }
        let name = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.isValidName(name), exists(name) else { return nil }
        return name
    }

    /// The active script's path, when one is active.
    public func activePath() -> String? {
        activeName().map(path(of:))
    }

    /// Whether script `name` exists.
    public func exists(_ name: String) -> Bool {
        Self.isValidName(name) && FileManager.default.fileExists(atPath: path(of: name))
    }

    /// The size of script `name` in octets, or nil when it does not exist.
    public func size(of name: String) -> Int? {
        guard Self.isValidName(name),
            let attributes = try? FileManager.default.attributesOfItem(atPath: path(of: name))
        else { return nil }
        return (attributes[.size] as? NSNumber)?.intValue
    }

    /// The text of script `name`.
    public func read(_ name: String) throws(SieveScriptStoreError) -> String {
        try Self.check(name)
        guard let data = FileManager.default.contents(atPath: path(of: name)) else {
            throw SieveScriptStoreError(.nonexistent, "no script named \(name)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Stores `text` as script `name`, replacing one of that name. The caller compiles it first.
    public func put(_ name: String, text: String) throws(SieveScriptStoreError) {
        try Self.check(name)
        try makeDirectory()
        try AtomicFile.write(Data(text.utf8), to: path(of: name))
    }

    /// Makes `name` the active script.
    public func activate(_ name: String) throws(SieveScriptStoreError) {
        try Self.check(name)
        guard exists(name) else { throw SieveScriptStoreError(.nonexistent, "no script named \(name)") }
        try AtomicFile.write(Data((name + "\n").utf8), to: activeMarkerPath)
    }

    /// Leaves no script active.
    public func deactivate() throws(SieveScriptStoreError) {
        try AtomicFile.remove(activeMarkerPath)
    }

    /// Deletes script `name`; the active script cannot be deleted (RFC 5804 §2.10 does the same).
    public func delete(_ name: String) throws(SieveScriptStoreError) {
        try Self.check(name)
        guard activeName() != name else {
            throw SieveScriptStoreError(.active, "script \(name) is active; deactivate it first")
        }
        guard exists(name) else { throw SieveScriptStoreError(.nonexistent, "no script named \(name)") }
        try AtomicFile.remove(path(of: name))
    }

    /// Renames script `name` to `newName`, which must not exist; the active script stays active.
    public func rename(_ name: String, to newName: String) throws(SieveScriptStoreError) {
        try Self.check(name)
        try Self.check(newName)
        guard exists(name) else { throw SieveScriptStoreError(.nonexistent, "no script named \(name)") }
        guard name != newName else { throw SieveScriptStoreError(.alreadyExists, "a script named \(newName) exists") }
        let wasActive = activeName() == name
        // link() fails when the new name exists, so a concurrent put of that name is not lost.
        guard link(path(of: name), path(of: newName)) == 0 else {
            if errno == EEXIST { throw SieveScriptStoreError(.alreadyExists, "a script named \(newName) exists") }
            throw SieveScriptStoreError(.io, "cannot link \(path(of: newName)): \(String(cString: strerror(errno)))")
        }
        if wasActive {
            try AtomicFile.write(Data((newName + "\n").utf8), to: activeMarkerPath)
        }
        try AtomicFile.remove(path(of: name))
    }

    /// A name is 1 to 128 characters, none a control character (RFC 5804 §1.6 also excludes
    /// U+2028 and U+2029) or `/`, not starting with `.`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= maximumNameLength && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy {
                $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) && $0.value != 0x2028 && $0.value != 0x2029 && $0 != "/"
            }
    }

    private var activeMarkerPath: String { "\(directory)/\(Self.activeMarker)" }

    private static func check(_ name: String) throws(SieveScriptStoreError) {
        guard isValidName(name) else {
            throw SieveScriptStoreError(
                .invalidName,
                "\"\(name)\" is not a valid script name: 1 to \(maximumNameLength) characters, no / or control characters, not starting with a dot"
            )
        }
    }

    private func makeDirectory() throws(SieveScriptStoreError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw SieveScriptStoreError(.io, "cannot create \(directory): \(error)")
        }
    }
}
