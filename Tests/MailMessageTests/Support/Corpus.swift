import Foundation

/// The corpus in Tests/MailMessageCorpus and Dovecot's recorded answers for it.
enum Corpus {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("MailMessageCorpus")

    /// Names of the corpus messages (`*.eml`), sorted.
    static let messageNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".eml") }.sorted()
    }()

    static func message(_ name: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))) ?? []
    }

    /// `answers[file][field]`: Dovecot's answer bytes, parsed from dovecot-answers.txt.
    static let answers: [String: [String: [UInt8]]] = {
        guard let data = try? [UInt8](Data(contentsOf: directory.appendingPathComponent("dovecot-answers.txt"))) else {
            return [:]
        }
        var result: [String: [String: [UInt8]]] = [:]
        var position = 0
        while position < data.count {
            guard let lineEnd = data[position...].firstIndex(of: 0x0A) else { break }
            let line = String(decoding: data[position..<lineEnd], as: UTF8.self)
            position = lineEnd + 1
            guard line.hasPrefix("@@ ") else { continue }
            let parts = line.dropFirst(3).split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let space = parts[1].lastIndex(of: " "),
                let count = Int(parts[1][parts[1].index(after: space)...])
            else { continue }
            let field = String(parts[1][..<space])
            result[String(parts[0]), default: [:]][field] = Array(data[position..<(position + count)])
            position += count + 1
        }
        return result
    }()
}
