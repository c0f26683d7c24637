import Foundation

/// Resident memory of the server under test, read from Linux's /proc: VmRSS from
/// /proc/PID/status and Pss from /proc/PID/smaps_rollup (shared pages divided among their users,
/// so that a forking server's processes are not counted once each for the same pages).
public struct ProcessMemory: Sendable, Equatable {
    /// Which processes: a PID and all its descendants, or every process with one of the names.
    public enum Selection: Sendable, Equatable {
        case tree(rootPID: Int32)
        case names([String])
    }

    public var processCount: Int
    public var rssKiB: Int
    public var pssKiB: Int

    /// Sums the memory of the selected processes now.
    public static func measure(_ selection: Selection) -> ProcessMemory {
        let processes = listProcesses()
        let chosen: [Int32]
        switch selection {
        case .tree(let root):
            var members: Set<Int32> = [root]
            var grew = true
            while grew {
                grew = false
                for process in processes where !members.contains(process.pid) && members.contains(process.parent) {
                    members.insert(process.pid)
                    grew = true
                }
            }
            chosen = processes.map(\.pid).filter { members.contains($0) }
        case .names(let names):
            chosen = processes.filter { names.contains($0.name) }.map(\.pid)
        }
        var memory = ProcessMemory(processCount: 0, rssKiB: 0, pssKiB: 0)
        for pid in chosen {
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { continue }
            memory.processCount += 1
            memory.rssKiB += kibibytes(named: "VmRSS:", in: status)
            if let rollup = try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8) {
                memory.pssKiB += kibibytes(named: "Pss:", in: rollup)
            }
        }
        return memory
    }

    /// The value in kB of the line starting with `field` (`VmRSS:\t   1234 kB`), 0 if absent.
    public static func kibibytes(named field: String, in text: String) -> Int {
        for line in text.split(separator: "\n") where line.hasPrefix(field) {
            let words = line.dropFirst(field.count).split(whereSeparator: { $0 == " " || $0 == "\t" })
            return words.first.flatMap { Int($0) } ?? 0
        }
        return 0
    }

    private struct ProcessEntry {
        var pid: Int32
        var parent: Int32
        var name: String
    }

    /// Every process's PID, parent PID and name from /proc/PID/stat (`pid (name) state ppid ...`).
    private static func listProcesses() -> [ProcessEntry] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let pid = Int32(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
            else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, let parent = Int32(fields[1]) else { return nil }
            return ProcessEntry(pid: pid, parent: parent, name: String(stat[stat.index(after: open)..<close]))
        }
    }
}
