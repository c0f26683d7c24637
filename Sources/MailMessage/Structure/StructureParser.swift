import Glibc

/// Builds a message's MIME tree in one pass over its bytes, the way Dovecot's `message-parser.c`
/// does, so that part boundaries and sizes agree with Dovecot:
///
/// - A boundary line is `--` + boundary at the start of a line; the boundary is matched as a prefix
///   (`--abcdef` ends a part of boundary `abc`), innermost multipart first, and the boundaries of
///   every enclosing multipart are active too, so a missing close boundary cannot swallow the rest.
/// - The line end before a boundary line belongs to the boundary, not to the part's body.
/// - A boundary line inside a part's header ends that part (header without body).
/// - A message/rfc822 body is parsed as a message whatever its Content-Transfer-Encoding.
/// - A message header (top level or encapsulated) uses its Content-* fields only if it has
///   MIME-Version or Content-Type; body parts of a multipart always do.
/// - Nesting and part counts are bounded by ``MailMessageLimits``; what is beyond stays body bytes.
///
/// The parser never reads outside the buffer, allocates in proportion to the number of header
/// fields and parts, and costs O(bytes × active boundaries).
struct StructureParser {
    private struct Boundary {
        var bytes: [UInt8]
    }

    /// Where a boundary line was found.
    private struct BoundaryHit {
        /// First byte of the `--boundary` line.
        var lineStart: Int
        /// First byte after the boundary line.
        var nextLine: Int
        /// Index into the boundary stack.
        var level: Int
        /// `--boundary--`
        var isClose: Bool
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let limits: MailMessageLimits
    private var boundaries: [Boundary] = []
    private var partCount = 0

    private init(bytes: UnsafeBufferPointer<UInt8>, limits: MailMessageLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    /// Parses a whole message.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, limits: MailMessageLimits) -> MIMEPart {
        var parser = StructureParser(bytes: bytes, limits: limits)
        return parser.parsePart(start: 0, depth: 0, defaultType: .defaultText, isMessageHeader: true).part
    }

    // MARK: - Parts

    private mutating func parsePart(
        start: Int,
        depth: Int,
        defaultType: ContentType,
        isMessageHeader: Bool
    ) -> (part: MIMEPart, hit: BoundaryHit?) {
        let parsed = parseWholePart(start: start, depth: depth, defaultType: defaultType)
        guard isMessageHeader else { return parsed }
        var part = parsed.part
        part.usesContentFields = part.fields.contains { field in
            field.hasColon
                && (Self.equalsIgnoringCase(bytes[field.nameRange], "mime-version")
                    || Self.equalsIgnoringCase(bytes[field.nameRange], "content-type"))
        }
        return (part, parsed.hit)
    }

    private mutating func parseWholePart(
        start: Int,
        depth: Int,
        defaultType: ContentType
    ) -> (part: MIMEPart, hit: BoundaryHit?) {
        partCount += 1
        var header = parseHeader(start: start)
        var contentType = defaultType
        for field in header.fields where field.hasColon && Self.equalsIgnoringCase(bytes[field.nameRange], "content-type") {
            contentType = ContentType(parsing: Array(bytes[field.valueRange]))
            break
        }

        if header.hit == nil, header.end > start, !boundaries.isEmpty, header.end < bytes.count,
            bytes[header.end - 1] == 0x0A, boundaryAt(header.end) != nil,
            !(contentType.isMultipart && startsWithOwnBoundary(header.end, contentType))
        {
            // The empty line right before a boundary line is that boundary's line end, not the header's.
            header.end = bodyEnd(before: header.end, bodyStart: start)
        }
        let bodyStart = header.end
        if let hit = header.hit {
            // A boundary inside the header: no body. The line end before the boundary is the boundary's.
            let part = MIMEPart(
                headerRange: start..<header.end,
                bodyRange: header.end..<header.end,
                fields: header.fields,
                contentType: contentType,
                kind: contentType.isMultipart ? .multipart : (contentType.isMessageRFC822 ? .message : .single),
                children: contentType.isMessageRFC822 ? [Self.emptyMessage(at: header.end)] : []
            )
            return (part, hit)
        }
        let canNest = depth < limits.maximumNestingDepth && partCount < limits.maximumPartCount
        if contentType.isMultipart && canNest {
            return parseMultipart(start: start, header: header, contentType: contentType, depth: depth)
        }
        if contentType.isMessageRFC822 && canNest {
            // Parsed whatever its Content-Transfer-Encoding, as Dovecot does: an encoded body reads as
            // a header line without a colon. When the encapsulated header runs into a boundary, the
            // line end before that boundary still counts in this part's body (Dovecot's sizes).
            let (child, hit) = parsePart(start: bodyStart, depth: depth + 1, defaultType: .defaultText, isMessageHeader: true)
            // An encapsulated message without body: the line end before the boundary stays in this part.
            var end = child.bodyRange.upperBound
            if let hit, child.bodyRange.isEmpty { end = max(end, hit.lineStart) }
            let part = MIMEPart(
                headerRange: start..<header.end,
                bodyRange: bodyStart..<end,
                fields: header.fields,
                contentType: contentType,
                kind: .message,
                children: [child]
            )
            return (part, hit)
        }
        let hit = findBoundary(from: bodyStart)
        let end = hit.map { bodyEnd(before: $0.lineStart, bodyStart: bodyStart) } ?? bytes.count
        let part = MIMEPart(
            headerRange: start..<header.end,
            bodyRange: bodyStart..<end,
            fields: header.fields,
            contentType: contentType,
            kind: contentType.isMultipart ? .multipart : .single,
            children: []
        )
        return (part, hit)
    }

    private mutating func parseMultipart(
        start: Int,
        header: (fields: [HeaderField], end: Int, hit: BoundaryHit?),
        contentType: ContentType,
        depth: Int
    ) -> (part: MIMEPart, hit: BoundaryHit?) {
        let bodyStart = header.end
        guard let boundary = contentType.boundary, !boundary.isEmpty else {
            // multipart without a boundary: no body parts; outer boundaries still end it.
            let hit = findBoundary(from: bodyStart)
            let end = hit.map { bodyEnd(before: $0.lineStart, bodyStart: bodyStart) } ?? bytes.count
            let part = MIMEPart(
                headerRange: start..<header.end,
                bodyRange: bodyStart..<end,
                fields: header.fields,
                contentType: contentType,
                kind: .multipart,
                children: []
            )
            return (part, hit)
        }
        let level = boundaries.count
        boundaries.append(Boundary(bytes: Array(boundary.utf8.prefix(limits.maximumBoundaryLength))))
        let childDefault: ContentType =
            contentType.subtype.lowercasedASCII() == "digest" ? .defaultDigestMember : .defaultText
        var children: [MIMEPart] = []
        var hit = findBoundary(from: bodyStart)
        while let current = hit, current.level == level, !current.isClose {
            if partCount >= limits.maximumPartCount {
                hit = findBoundary(from: current.nextLine)
                continue
            }
            let (child, next) = parsePart(
                start: current.nextLine, depth: depth + 1, defaultType: childDefault, isMessageHeader: false)
            children.append(child)
            hit = next
        }
        boundaries.removeLast()
        var epilogueStart = bodyStart
        if let current = hit, current.level == level {
            // Close boundary: the epilogue runs to the next boundary of an enclosing multipart.
            epilogueStart = current.nextLine
            hit = findBoundary(from: current.nextLine)
        }
        var end = hit.map { bodyEnd(before: $0.lineStart, bodyStart: epilogueStart) } ?? bytes.count
        // An empty last part that starts on the enclosing boundary line still lies inside this body.
        if let last = children.last { end = max(end, last.range.upperBound) }
        let part = MIMEPart(
            headerRange: start..<header.end,
            bodyRange: bodyStart..<end,
            fields: header.fields,
            contentType: contentType,
            kind: .multipart,
            children: children
        )
        return (part, hit)
    }

    private static func emptyMessage(at offset: Int) -> MIMEPart {
        MIMEPart(
            headerRange: offset..<offset,
            bodyRange: offset..<offset,
            fields: [],
            contentType: .defaultText,
            kind: .single,
            children: []
        )
    }

    /// Whether `--boundary` of the multipart's own boundary starts at `position`.
    private func startsWithOwnBoundary(_ position: Int, _ contentType: ContentType) -> Bool {
        guard let boundary = contentType.boundary, !boundary.isEmpty else { return false }
        let own = Array(boundary.utf8.prefix(limits.maximumBoundaryLength))
        guard position + 2 + own.count <= bytes.count, bytes[position] == UInt8(ascii: "-"),
            bytes[position + 1] == UInt8(ascii: "-")
        else { return false }
        for index in 0..<own.count where bytes[position + 2 + index] != own[index] { return false }
        return true
    }

    // MARK: - Header

    /// Reads header fields from `start` up to and including the empty line; stops early at a boundary line.
    private func parseHeader(start: Int) -> (fields: [HeaderField], end: Int, hit: BoundaryHit?) {
        var fields: [HeaderField] = []
        var position = start
        let count = bytes.count
        while position < count {
            let first = bytes[position]
            let blankLength = first == 0x0A ? 1 : (first == 0x0D && position + 1 < count && bytes[position + 1] == 0x0A ? 2 : 0)
            if blankLength > 0 {
                return (fields, position + blankLength, nil)
            }
            if first == UInt8(ascii: "-"), !boundaries.isEmpty, let hit = boundaryAt(position) {
                return (fields, bodyEnd(before: position, bodyStart: start), hit)
            }
            // One field: this line and its continuation lines.
            var lineEnd = nextLine(after: position)
            while lineEnd < count, bytes[lineEnd] == 0x20 || bytes[lineEnd] == 0x09 {
                lineEnd = nextLine(after: lineEnd)
            }
            fields.append(makeField(position..<lineEnd))
            position = lineEnd
        }
        return (fields, count, nil)
    }

    private func makeField(_ range: Range<Int>) -> HeaderField {
        var valueEnd = range.upperBound
        if valueEnd > range.lowerBound, bytes[valueEnd - 1] == 0x0A {
            valueEnd -= 1
            if valueEnd > range.lowerBound, bytes[valueEnd - 1] == 0x0D { valueEnd -= 1 }
        }
        var colon = range.lowerBound
        while colon < valueEnd, bytes[colon] != UInt8(ascii: ":") { colon += 1 }
        guard colon < valueEnd else {
            return HeaderField(
                range: range, nameRange: range.lowerBound..<valueEnd, valueRange: valueEnd..<valueEnd, hasColon: false)
        }
        var nameEnd = colon
        while nameEnd > range.lowerBound, bytes[nameEnd - 1] == 0x20 || bytes[nameEnd - 1] == 0x09 { nameEnd -= 1 }
        var valueStart = colon + 1
        while valueStart < valueEnd, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
        return HeaderField(range: range, nameRange: range.lowerBound..<nameEnd, valueRange: valueStart..<valueEnd)
    }

    // MARK: - Lines and boundaries

    /// The offset after the next LF at or after `position` (or the end of the buffer).
    private func nextLine(after position: Int) -> Int {
        guard position < bytes.count, let base = bytes.baseAddress else { return bytes.count }
        guard let found = memchr(base + position, 0x0A, bytes.count - position) else { return bytes.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
    }

    /// The body ends before the line end that precedes a boundary line.
    private func bodyEnd(before lineStart: Int, bodyStart: Int) -> Int {
        var end = lineStart
        if end > bodyStart, bytes[end - 1] == 0x0A {
            end -= 1
            if end > bodyStart, bytes[end - 1] == 0x0D { end -= 1 }
        }
        return end
    }

    /// Finds the next boundary line of any active multipart, starting at a line start.
    private func findBoundary(from start: Int) -> BoundaryHit? {
        guard !boundaries.isEmpty, let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var position = start
        while position < count {
            if base[position] == UInt8(ascii: "-"), let hit = boundaryAt(position) { return hit }
            guard let found = memchr(base + position, 0x0A, count - position) else { return nil }
            position = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return nil
    }

    /// Whether the line at `position` is `--boundary` of an active multipart (innermost first).
    private func boundaryAt(_ position: Int) -> BoundaryHit? {
        let count = bytes.count
        guard position + 1 < count, bytes[position] == UInt8(ascii: "-"), bytes[position + 1] == UInt8(ascii: "-")
        else { return nil }
        let start = position + 2
        for level in stride(from: boundaries.count - 1, through: 0, by: -1) {
            let boundary = boundaries[level].bytes
            guard start + boundary.count <= count else { continue }
            var matches = true
            for index in 0..<boundary.count where bytes[start + index] != boundary[index] {
                matches = false
                break
            }
            guard matches else { continue }
            let after = start + boundary.count
            let isClose =
                after + 1 < count && bytes[after] == UInt8(ascii: "-") && bytes[after + 1] == UInt8(ascii: "-")
            return BoundaryHit(lineStart: position, nextLine: nextLine(after: position), level: level, isClose: isClose)
        }
        return nil
    }

    static func equalsIgnoringCase(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        let expected = lowercase.utf8Start
        var index = 0
        for byte in bytes {
            let folded = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
            if folded != expected[index] { return false }
            index += 1
        }
        return true
    }
}
