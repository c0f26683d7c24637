import Crypto
import Foundation
import SieveScripts

/// Remembers whom a user's vacation answered, so each sender gets one reply per handle per
/// interval (RFC 5230 §4.2): one file per (handle, sender) in `<home>/sieve/.vacation/`, named by
/// a hash and holding the time until which no new reply is sent.
struct VacationTracker {
    let directory: String

    init(home: String) {
        directory = home + "/sieve/.vacation"
    }

    /// Whether `sender` may be answered now for `handle`; when it may, records the reply so the
    /// next one waits `interval` seconds.
    func claim(handle: String, sender: String, interval: Int, now: Int) throws -> Bool {
        let key = SHA256.hash(data: Data((handle + "\u{0}" + sender.lowercased()).utf8))
            .map { String(format: "%02x", $0) }.joined()
        let path = "\(directory)/\(key)"
        if let data = FileManager.default.contents(atPath: path),
            let until = Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
            until > now
        {
            return false
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try AtomicFile.write(Data("\(now + interval)\n".utf8), to: path)
        return true
    }
}
