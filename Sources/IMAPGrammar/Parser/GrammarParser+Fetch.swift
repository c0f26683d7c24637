import struct NIOCore.ByteBuffer

extension GrammarParser {
    // fetch = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")") [fetch-modifiers]
    static func parseFetchCommand(_ buffer: inout ParseBuffer) throws -> FetchCommand {
        try buffer.composite { buffer in
            try buffer.space()
            let set = try parseSequenceSet(&buffer)
            try buffer.space()
            let attributes: [FetchAttribute]
            if try buffer.peek() == UInt8(ascii: "(") {
                attributes = try buffer.parenthesizedList(parseFetchAttribute)
            } else if try buffer.tryWord("ALL") {
                attributes = FetchAttribute.allMacro
            } else if try buffer.tryWord("FAST") {
                attributes = FetchAttribute.fastMacro
            } else if try buffer.tryWord("FULL") {
                attributes = FetchAttribute.fullMacro
            } else {
                attributes = [try parseFetchAttribute(&buffer)]
            }
            var modifiers: [FetchModifier] = []
            if try buffer.peek() == UInt8(ascii: " ") {
                try buffer.space()
                modifiers = try parseFetchModifiers(&buffer)
            }
            return FetchCommand(sequenceSet: set, attributes: attributes, modifiers: modifiers)
        }
    }

    // fetch-modifiers = SP "(" fetch-modifier *(SP fetch-modifier) ")"
    // fetch-modifier  = chgsince-fetch-mod / "VANISHED"
    // chgsince-fetch-mod = "CHANGEDSINCE" SP mod-sequence-value
    static func parseFetchModifiers(_ buffer: inout ParseBuffer) throws -> [FetchModifier] {
        try buffer.parenthesizedList { buffer in
            switch try parseKeyword(&buffer) {
            case "CHANGEDSINCE":
                try buffer.space()
                return .changedSince(try parseNZNumber64(&buffer))
            case "VANISHED":
                return .vanished
            case let other:
                throw ParserError(hint: "unknown fetch modifier \(other)")
            }
        }
    }

    // fetch-att = "ENVELOPE" / "FLAGS" / "INTERNALDATE" / "RFC822" [".HEADER" / ".SIZE" / ".TEXT"] /
    //             "BODY" ["STRUCTURE"] / "UID" / "BODY" section [partial] / "BODY.PEEK" section [partial] /
    //             "BINARY" [".PEEK"] section-binary [partial] / "BINARY.SIZE" section-binary /
    //             "MODSEQ" / "SAVEDATE" / "EMAILID" / "THREADID" / "PREVIEW" [SP "(" "LAZY" ")"]
    static func parseFetchAttribute(_ buffer: inout ParseBuffer) throws -> FetchAttribute {
        try buffer.composite { buffer in
            let name = try parseKeyword(&buffer)
            switch name {
            case "ENVELOPE": return .envelope
            case "FLAGS": return .flags
            case "INTERNALDATE": return .internalDate
            case "RFC822": return .rfc822
            case "RFC822.HEADER": return .rfc822Header
            case "RFC822.SIZE": return .rfc822Size
            case "RFC822.TEXT": return .rfc822Text
            case "BODYSTRUCTURE": return .bodyStructure
            case "UID": return .uid
            case "MODSEQ": return .modSeq
            case "SAVEDATE": return .saveDate
            case "EMAILID": return .emailID
            case "THREADID": return .threadID
            case "PREVIEW":
                let lazy = try buffer.optional { buffer -> Bool in
                    try buffer.expectWord(" (LAZY)")
                    return true
                }
                return .preview(lazy: lazy ?? false)
            case "BODY", "BODY.PEEK":
                guard try buffer.peek() == UInt8(ascii: "[") else {
                    guard name == "BODY" else { throw ParserError(hint: "expected section") }
                    return .body
                }
                let section = try parseSection(&buffer)
                return .bodySection(peek: name == "BODY.PEEK", section: section, partial: try parsePartial(&buffer))
            case "BINARY", "BINARY.PEEK":
                let part = try parseSectionBinary(&buffer)
                return .binary(peek: name == "BINARY.PEEK", part: part, partial: try parsePartial(&buffer))
            case "BINARY.SIZE":
                return .binarySize(part: try parseSectionBinary(&buffer))
            default:
                throw ParserError(hint: "unknown fetch attribute \(name)")
            }
        }
    }

    // partial = "<" number64 "." nz-number64 ">"
    static func parsePartial(_ buffer: inout ParseBuffer) throws -> Partial? {
        guard try buffer.peek() == UInt8(ascii: "<") else { return nil }
        return try buffer.composite { buffer in
            buffer.readerIndex += 1
            let offset = try parseNumber64(&buffer)
            try buffer.expect(UInt8(ascii: "."))
            let length = try parseNZNumber64(&buffer)
            try buffer.expect(UInt8(ascii: ">"))
            return Partial(offset: offset, length: length)
        }
    }

    // section-part = nz-number *("." nz-number)
    static func parseSectionPart(_ buffer: inout ParseBuffer) throws -> [UInt32] {
        var part = [try parseNZNumber(&buffer)]
        while try buffer.peek() == UInt8(ascii: "."), isDigit(try buffer.peek(offset: 1)) {
            buffer.readerIndex += 1
            part.append(try parseNZNumber(&buffer))
        }
        return part
    }

    // section-binary = "[" [section-part] "]"
    static func parseSectionBinary(_ buffer: inout ParseBuffer) throws -> [UInt32] {
        try buffer.composite { buffer in
            try buffer.expect(UInt8(ascii: "["))
            var part: [UInt32] = []
            if try buffer.peek() != UInt8(ascii: "]") {
                part = try parseSectionPart(&buffer)
            }
            try buffer.expect(UInt8(ascii: "]"))
            return part
        }
    }

    // section         = "[" [section-spec] "]"
    // section-spec    = section-msgtext / (section-part ["." section-text])
    // section-msgtext = "HEADER" / "HEADER.FIELDS" [".NOT"] SP header-list / "TEXT"
    // section-text    = section-msgtext / "MIME"
    static func parseSection(_ buffer: inout ParseBuffer) throws -> SectionSpecifier {
        try buffer.composite { buffer in
            try buffer.expect(UInt8(ascii: "["))
            if try buffer.peek() == UInt8(ascii: "]") {
                buffer.readerIndex += 1
                return .complete
            }
            var part: [UInt32] = []
            if isDigit(try buffer.peek()) {
                part = try parseSectionPart(&buffer)
                if try buffer.peek() == UInt8(ascii: "]") {
                    buffer.readerIndex += 1
                    return SectionSpecifier(part: part, kind: .complete)
                }
                try buffer.expect(UInt8(ascii: "."))
            }
            let kind: SectionSpecifier.Kind
            switch try parseKeyword(&buffer) {
            case "HEADER": kind = .header
            case "TEXT": kind = .text
            case "MIME":
                guard !part.isEmpty else { throw ParserError(hint: "MIME needs a part number") }
                kind = .mime
            case "HEADER.FIELDS":
                try buffer.space()
                kind = .headerFields(try parseHeaderList(&buffer))
            case "HEADER.FIELDS.NOT":
                try buffer.space()
                kind = .headerFieldsNot(try parseHeaderList(&buffer))
            case let other:
                throw ParserError(hint: "unknown section \(other)")
            }
            try buffer.expect(UInt8(ascii: "]"))
            return SectionSpecifier(part: part, kind: kind)
        }
    }

    // header-list     = "(" header-fld-name *(SP header-fld-name) ")"
    // header-fld-name = astring
    static func parseHeaderList(_ buffer: inout ParseBuffer) throws -> [String] {
        try buffer.parenthesizedList(parseAStringText)
    }
}
