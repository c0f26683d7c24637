import Foundation
import Logging
import Synchronization

/// A swift-log handler that writes one line per event to standard error, either as
/// `key=value` text (logfmt) or as a JSON object.
///
/// Every line carries the time, level, label and message plus the metadata of the logger
/// (session id, user, client address...). Values are quoted so that a client cannot forge
/// a log line with a newline.
public struct StructuredLogHandler: LogHandler {
    /// How lines are written.
    public enum Format: String, Sendable, CaseIterable {
        case text
        case json
    }

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private let format: Format
    private let output: LogOutput

    /// - Parameters:
    ///   - label: the logger's label (the service, such as `columba.imap`).
    ///   - output: where lines go; standard error unless a test captures them.
    public init(label: String, level: Logger.Level, format: Format, output: LogOutput = .standardError) {
        self.label = label
        self.logLevel = level
        self.format = format
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        let time = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        let line: String
        switch format {
        case .text:
            var text = "\(time) level=\(event.level) label=\(label) msg=\(Self.quoted("\(event.message)"))"
            for key in fields.keys.sorted() {
                text += " \(key)=\(Self.quoted(Self.render(fields[key]!)))"
            }
            line = text
        case .json:
            var object: [String: String] = ["time": time, "level": "\(event.level)", "label": label,
                                            "msg": "\(event.message)"]
            for (key, value) in fields { object[key] = Self.render(value) }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            line = String(decoding: data, as: UTF8.self)
        }
        output.write(line + "\n")
    }

    private static func render(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): return string
        case .stringConvertible(let convertible): return convertible.description
        case .array(let values): return "[" + values.map(render).joined(separator: ",") + "]"
        case .dictionary(let dictionary):
            return "{" + dictionary.keys.sorted().map { "\($0):\(render(dictionary[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    /// Leaves simple values bare and quotes the rest, escaping quotes, backslashes and controls.
    static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && value.unicodeScalars.allSatisfy {
            $0.value > 0x20 && $0.value < 0x7F && $0 != "\"" && $0 != "=" && $0 != "\\"
        }
        if plain { return value }
        var escaped = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    escaped += String(format: "\\x%02x", scalar.value)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped + "\""
    }
}

/// Where ``StructuredLogHandler`` writes: standard error, or a buffer for tests.
public final class LogOutput: Sendable {
    private let isCapturing: Bool
    private let captured = Mutex<[String]>([])

    private init(capturing: Bool) {
        isCapturing = capturing
    }

    /// Standard error, one write per line.
    public static let standardError = LogOutput(capturing: false)

    /// A buffer that keeps every line, for tests.
    public static func capturing() -> LogOutput { LogOutput(capturing: true) }

    /// The lines written so far, when capturing.
    public var lines: [String] { captured.withLock { $0 } }

    func write(_ line: String) {
        if isCapturing {
            captured.withLock { $0.append(line) }
        } else {
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}
