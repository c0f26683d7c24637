import Foundation
import Histogram

/// Latencies per command name, in microseconds, in HdrHistograms (3 significant digits).
public struct CommandStats: Sendable {
    public private(set) var histograms: [String: Histogram<UInt64>] = [:]

    public init() {}

    /// Records one command's latency.
    public mutating func record(_ command: String, _ elapsed: Duration) {
        let (seconds, attoseconds) = elapsed.components
        let microseconds = UInt64(max(0, seconds)) * 1_000_000 + UInt64(max(0, attoseconds)) / 1_000_000_000_000
        histograms[command, default: Self.makeHistogram()].record(max(1, microseconds))
    }

    /// Adds another client's latencies.
    public mutating func merge(_ other: CommandStats) {
        for (command, histogram) in other.histograms {
            histograms[command, default: Self.makeHistogram()].add(histogram)
        }
    }

    /// The number of `command`s recorded.
    public func count(of command: String) -> UInt64 {
        histograms[command]?.totalCount ?? 0
    }

    /// The number of commands recorded.
    public var totalCount: UInt64 {
        histograms.values.reduce(0) { $0 + $1.totalCount }
    }

    /// A table: per command its count, its rate over `seconds` (omitted when nil), and its
    /// p50/p99/max latency in ms.
    public func report(over seconds: Double?) -> String {
        let rate = { (count: UInt64) in seconds.map { pad(format(Double(count) / $0, 1), 11) } ?? "" }
        var lines = [pad("command", 14) + pad("count", 10) + (seconds == nil ? "" : pad("ops/s", 11))
            + pad("p50 ms", 10) + pad("p99 ms", 10) + pad("max ms", 10)]
        for command in histograms.keys.sorted() {
            let histogram = histograms[command]!
            lines.append(pad(command, 14) + pad(String(histogram.totalCount), 10) + rate(histogram.totalCount)
                + pad(milliseconds(histogram.valueAtPercentile(50)), 10)
                + pad(milliseconds(histogram.valueAtPercentile(99)), 10)
                + pad(milliseconds(histogram.max), 10))
        }
        lines.append(pad("all", 14) + pad(String(totalCount), 10) + rate(totalCount))
        return lines.joined(separator: "\n")
    }

    private static func makeHistogram() -> Histogram<UInt64> {
        var histogram = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
        return histogram
    }

    private func milliseconds(_ microseconds: UInt64) -> String {
        format(Double(microseconds) / 1000, 3)
    }
}

/// `value` with `digits` decimals.
func format(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}

private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}
