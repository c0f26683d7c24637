import Foundation

/// A passwd-file read into memory: its lines verbatim plus the parsed users.
struct PasswdFileContents: Sendable {
    /// Every line of the file, verbatim, in order.
    var lines: [String]
    /// Parsed users by line index; comments, blank and malformed lines are absent.
    var entries: [Int: PasswdFileEntry]
    /// Malformed lines, each naming the file and line.
    var problems: [PasswdFileError]

    static let empty = PasswdFileContents(lines: [], entries: [:], problems: [])

    /// Parses file text.
    init(text: String, path: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
        entries = [:]
        problems = []
        for (index, raw) in lines.enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            do {
                if let entry = try PasswdFileEntry(line: line) { entries[index] = entry }
            } catch let error as PasswdFileLineError {
                problems.append(PasswdFileError(path: path, line: index + 1, problem: error.problem))
            } catch {
                problems.append(PasswdFileError(path: path, line: index + 1, problem: "\(error)"))
            }
        }
    }

    private init(lines: [String], entries: [Int: PasswdFileEntry], problems: [PasswdFileError]) {
        self.lines = lines
        self.entries = entries
        self.problems = problems
    }

    /// Reads a file; a missing file reads as empty.
    static func read(path: String) throws -> PasswdFileContents {
        guard FileManager.default.fileExists(atPath: path) else { return .empty }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return PasswdFileContents(text: String(decoding: data, as: UTF8.self), path: path)
        } catch {
            throw PasswdFileError(path: path, problem: "cannot read: \(error.localizedDescription)")
        }
    }

    /// Users in file order; the first line wins when a name repeats, as in Dovecot.
    var orderedEntries: [PasswdFileEntry] {
        entries.keys.sorted().compactMap { entries[$0] }
    }

    /// The line index of a user.
    func index(of username: String) -> Int? {
        entries.keys.sorted().first { entries[$0]?.username == username }
    }

    /// The file text.
    var text: String {
        lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }
}
