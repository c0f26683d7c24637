import FS
import Foundation

@testable import MailStore

extension UserMailStore {
    /// Opens a store whose new home is in `format`; suites that hold for both formats run over
    /// `MailStorageFormat.allCases`.
    static func open(home: String, format: MailStorageFormat, rotateSize: Int64 = MailStorageOptions.defaultRotateSize) async throws -> UserMailStore {
        try await open(home: home, options: MailStorageOptions(format: format, mdboxRotateSize: rotateSize))
    }
}

/// The multi-dbox storage files of a home, by name, with their sizes.
func storageFiles(_ home: String) throws -> [String: Int] {
    let directory = home + "/storage"
    guard FileManager.default.fileExists(atPath: directory) else { return [:] }
    var files: [String: Int] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasPrefix("m.") {
        files[name] = (try FileManager.default.attributesOfItem(atPath: "\(directory)/\(name)")[.size] as? Int) ?? 0
    }
    return files
}
