import NIOCore

/// The lines of the command in progress, kept to print an offending exchange. Long responses are
/// shortened and only the last ``capacity`` lines are kept.
struct Transcript {
    static let capacity = 40
    static let lineLimit = 300

    private(set) var lines: [String] = []
    private var dropped = 0

    mutating func reset() {
        lines.removeAll(keepingCapacity: true)
        dropped = 0
    }

    mutating func client(_ text: String) {
        append("C: " + text)
    }

    mutating func server(_ raw: ByteBuffer) {
        var shown = printable(raw.readableBytesView.prefix(Self.lineLimit))
        if raw.readableBytes > Self.lineLimit {
            shown += "... (\(raw.readableBytes) bytes)"
        }
        append("S: " + shown)
    }

    /// The kept lines, preceded by a count of the dropped ones.
    var shown: [String] {
        dropped == 0 ? lines : ["(\(dropped) earlier lines)"] + lines
    }

    private mutating func append(_ line: String) {
        if lines.count == Self.capacity {
            lines.removeFirst()
            dropped += 1
        }
        lines.append(line)
    }
}
