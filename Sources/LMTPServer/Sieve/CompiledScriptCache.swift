import Foundation
import Sieve
import Synchronization

/// Compiled Sieve scripts by path, reused while the file's modification time and size stay the
/// same; a changed file is compiled again on its next use.
public final class CompiledScriptCache: Sendable {
    /// A script file's compiled form, or why it does not compile.
    public enum Entry: Sendable {
        case compiled(SieveScript)
        case failed(String)
    }

    private struct Stamp: Equatable {
        var modified: Date
        var size: Int
    }

    private let entries = Mutex<[String: (Stamp, Entry)]>([:])
    private let capacity: Int

    /// - Parameter capacity: the most scripts kept; past it the cache starts over.
    public init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The compiled script at `path`, or `nil` when there is no such file.
    public func script(at path: String) -> Entry? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let modified = attributes[.modificationDate] as? Date,
            let size = (attributes[.size] as? NSNumber)?.intValue
        else { return nil }
        let stamp = Stamp(modified: modified, size: size)
        if let (cached, entry) = entries.withLock({ $0[path] }), cached == stamp {
            return entry
        }
        let entry: Entry
        if let data = FileManager.default.contents(atPath: path) {
            do {
                entry = .compiled(try SieveScript(compiling: String(decoding: data, as: UTF8.self)))
            } catch {
                entry = .failed("\(path):\(error.location.line):\(error.location.column): \(error.message)")
            }
        } else {
            return nil
        }
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll() }
            entries[path] = (stamp, entry)
        }
        return entry
    }
}
