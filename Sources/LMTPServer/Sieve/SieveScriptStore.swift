import Foundation

/// A user's Sieve scripts in their home: `<home>/sieve/NAME.sieve`, and the name of the active
/// script in `<home>/sieve/.active` (one line; absent when no script is active).
///
/// Every write goes to a temporary file in the same folder that is then renamed over the target,
/// so a delivery reading at the same time sees the old or the new script, never a part.
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
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let names = entries.filter { $0.hasSuffix(Self.suffix) && !$0.hasPrefix(".") }
            .map { String($0.dropLast(Self.suffix.count)) }.sorted()
        return (names, activeName())
    }

    /// The active script's name, when one is active and exists.
    public func activeName() -> String? {
        guard let data = FileManager.default.contents(atPath: "\(directory)/\(Self.activeMarker)") else { return nil }
        let name = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.isValidName(name), FileManager.default.fileExists(atPath: path(of: name)) else { return nil }
        return name
    }

    /// The active script's path, when one is active.
    public func activePath() -> String? {
        activeName().map(path(of:))
    }

    /// The text of script `name`.
    public func read(_ name: String) throws -> String {
        try Self.check(name)
        guard let data = FileManager.default.contents(atPath: path(of: name)) else {
            throw SieveScriptStoreError("no script named \(name)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Stores `text` as script `name`, replacing one of that name. The caller compiles it first.
    public func put(_ name: String, text: String) throws {
        try Self.check(name)
        try write(Data(text.utf8), to: path(of: name))
    }

    /// Makes `name` the active script.
    public func activate(_ name: String) throws {
        try Self.check(name)
        guard FileManager.default.fileExists(atPath: path(of: name)) else {
            throw SieveScriptStoreError("no script named \(name)")
        }
        try write(Data((name + "\n").utf8), to: "\(directory)/\(Self.activeMarker)")
    }

    /// Leaves no script active.
    public func deactivate() throws {
        try removeIfPresent("\(directory)/\(Self.activeMarker)")
    }

    /// Deletes script `name`; the active script cannot be deleted (RFC 5804 §2.10 does the same).
    public func delete(_ name: String) throws {
        try Self.check(name)
        guard activeName() != name else { throw SieveScriptStoreError("script \(name) is active; deactivate it first") }
        guard FileManager.default.fileExists(atPath: path(of: name)) else {
            throw SieveScriptStoreError("no script named \(name)")
        }
        try removeIfPresent(path(of: name))
    }

    /// A name is 1 to 128 characters, none a control character or `/`, not starting with `.`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= maximumNameLength && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && $0 != "/" }
    }

    private static func check(_ name: String) throws {
        guard isValidName(name) else {
            throw SieveScriptStoreError("\"\(name)\" is not a valid script name: 1 to \(maximumNameLength) characters, no / or control characters, not starting with a dot")
        }
    }

    private func write(_ data: Data, to path: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try AtomicFile.write(data, to: path)
    }

    private func removeIfPresent(_ path: String) throws {
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch CocoaError.fileNoSuchFile {
            return
        }
    }
}

/// A script store operation that cannot be done.
public struct SieveScriptStoreError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Writes a file by renaming a fully written, synced temporary file over it.
enum AtomicFile {
    static func write(_ data: Data, to path: String) throws {
        let temporary = "\(path).tmp.\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw SieveScriptStoreError("cannot write \(temporary)")
        }
        if let handle = FileHandle(forUpdatingAtPath: temporary) {
            try? handle.synchronize()
            try? handle.close()
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SieveScriptStoreError("cannot replace \(path): \(reason)")
        }
    }
}
