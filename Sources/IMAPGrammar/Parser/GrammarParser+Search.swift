import struct NIOCore.ByteBuffer

extension GrammarParser {
    // search = "SEARCH" [search-return-opts] SP search-program
    // search-program = ["CHARSET" SP charset SP] search-key *(SP search-key)
    static func parseSearchCommand(_ buffer: inout ParseBuffer) throws -> SearchCommand {
        try buffer.composite { buffer in
            var returnOptions: [SearchReturnOption]?
            try buffer.space()
            if try buffer.tryWord("RETURN ") {
                returnOptions = try parseSearchReturnOptions(&buffer)
                try buffer.space()
            }
            var charset: String?
            if try buffer.tryWord("CHARSET ") {
                charset = try parseCharset(&buffer)
                try buffer.space()
            }
            var keys = [try parseSearchKey(&buffer)]
            while try buffer.peek() == UInt8(ascii: " ") {
                try buffer.space()
                keys.append(try parseSearchKey(&buffer))
            }
            return SearchCommand(returnOptions: returnOptions, charset: charset, key: keys.count == 1 ? keys[0] : .and(keys))
        }
    }

    // search-return-opts = SP "RETURN" SP "(" [search-return-opt *(SP search-return-opt)] ")"
    // search-return-opt  = "MIN" / "MAX" / "ALL" / "COUNT" / "SAVE" / search-ret-opt-ext
    static func parseSearchReturnOptions(_ buffer: inout ParseBuffer) throws -> [SearchReturnOption] {
        try buffer.parenthesizedList(allowEmpty: true) { buffer in
            switch try parseKeyword(&buffer) {
            case "MIN": return .min
            case "MAX": return .max
            case "ALL": return .all
            case "COUNT": return .count
            case "SAVE": return .save
            case let other: return .other(other)
            }
        }
    }

    // search-key = "ALL" / "ANSWERED" / "BCC" SP astring / ... / sequence-set / "(" search-key *(SP search-key) ")"
    static func parseSearchKey(_ buffer: inout ParseBuffer) throws -> SearchKey {
        try buffer.composite { buffer in
            let first = try buffer.peek()
            if first == UInt8(ascii: "(") {
                let keys = try buffer.parenthesizedList(parseSearchKey)
                return keys.count == 1 ? keys[0] : .and(keys)
            }
            if first == UInt8(ascii: "$") || first == UInt8(ascii: "*") || isDigit(first) {
                return .sequenceNumbers(try parseSequenceSet(&buffer))
            }
            let name = try parseKeyword(&buffer)
            func string(_ buffer: inout ParseBuffer) throws -> String {
                try buffer.space()
                return try parseAStringText(&buffer)
            }
            func date(_ buffer: inout ParseBuffer) throws -> IMAPDate {
                try buffer.space()
                return try parseDate(&buffer)
            }
            func key(_ buffer: inout ParseBuffer) throws -> SearchKey {
                try buffer.space()
                return try buffer.nested(parseSearchKey)
            }
            switch name {
            case "ALL": return .all
            case "ANSWERED": return .answered
            case "DELETED": return .deleted
            case "DRAFT": return .draft
            case "FLAGGED": return .flagged
            case "NEW": return .new
            case "OLD": return .old
            case "RECENT": return .recent
            case "SEEN": return .seen
            case "UNANSWERED": return .unanswered
            case "UNDELETED": return .undeleted
            case "UNDRAFT": return .undraft
            case "UNFLAGGED": return .unflagged
            case "UNSEEN": return .unseen
            case "SAVEDATESUPPORTED": return .saveDateSupported
            case "KEYWORD":
                try buffer.space()
                return .keyword(try parseFlagKeyword(&buffer))
            case "UNKEYWORD":
                try buffer.space()
                return .unkeyword(try parseFlagKeyword(&buffer))
            case "BCC": return .bcc(try string(&buffer))
            case "BODY": return .body(try string(&buffer))
            case "CC": return .cc(try string(&buffer))
            case "FROM": return .from(try string(&buffer))
            case "SUBJECT": return .subject(try string(&buffer))
            case "TEXT": return .text(try string(&buffer))
            case "TO": return .to(try string(&buffer))
            case "HEADER":
                let field = try string(&buffer)
                return .header(field, try string(&buffer))
            case "BEFORE": return .before(try date(&buffer))
            case "ON": return .on(try date(&buffer))
            case "SINCE": return .since(try date(&buffer))
            case "SENTBEFORE": return .sentBefore(try date(&buffer))
            case "SENTON": return .sentOn(try date(&buffer))
            case "SENTSINCE": return .sentSince(try date(&buffer))
            case "SAVEDBEFORE": return .savedBefore(try date(&buffer))
            case "SAVEDON": return .savedOn(try date(&buffer))
            case "SAVEDSINCE": return .savedSince(try date(&buffer))
            case "LARGER":
                try buffer.space()
                return .larger(try parseNumber64(&buffer))
            case "SMALLER":
                try buffer.space()
                return .smaller(try parseNumber64(&buffer))
            case "OLDER":
                try buffer.space()
                return .older(try parseNZNumber(&buffer))
            case "YOUNGER":
                try buffer.space()
                return .younger(try parseNZNumber(&buffer))
            case "UID":
                try buffer.space()
                return .uid(try parseSequenceSet(&buffer))
            case "MODSEQ":
                return try parseSearchKey_modSeq(&buffer)
            case "EMAILID":
                try buffer.space()
                return .emailID(try parseObjectID(&buffer))
            case "THREADID":
                try buffer.space()
                return .threadID(try parseObjectID(&buffer))
            case "FUZZY": return .fuzzy(try key(&buffer))
            case "NOT": return .not(try key(&buffer))
            case "OR":
                let left = try key(&buffer)
                return .or(left, try key(&buffer))
            default:
                throw ParserError(hint: "unknown search key \(name)")
            }
        }
    }

    // search-modsequence = "MODSEQ" [search-modseq-ext] SP mod-sequence-valzer
    // search-modseq-ext  = SP entry-name SP entry-type-req
    // entry-name         = DQUOTE "/flags/" attr-flag DQUOTE
    // entry-type-req     = "priv" / "shared" / "all"
    static func parseSearchKey_modSeq(_ buffer: inout ParseBuffer) throws -> SearchKey {
        try buffer.space()
        var entry: ModSeqEntry?
        if try buffer.peek() == UInt8(ascii: "\"") {
            let name = String(buffer: try parseQuoted(&buffer))
            // attr-flag = "\Answered" / "\Flagged" / ... / flag-keyword / flag-extension (an atom, optionally after "\")
            let flag = name.utf8.dropFirst(7)
            let atom = flag.first == UInt8(ascii: "\\") ? flag.dropFirst() : flag
            guard name.lowercased().hasPrefix("/flags/"), !atom.isEmpty, atom.allSatisfy(isAtomChar) else {
                throw ParserError(hint: "invalid MODSEQ entry name")
            }
            try buffer.space()
            guard let type = ModSeqEntry.EntryType(rawValue: try parseAtom(&buffer).lowercased()) else {
                throw ParserError(hint: "invalid MODSEQ entry type")
            }
            entry = ModSeqEntry(flag: Flag(String(name.dropFirst(7))), type: type)
            try buffer.space()
        }
        return .modSeq(entry, try parseNumber64(&buffer))
    }

    // objectid = 1*255(ALPHA / DIGIT / "_" / "-")   ; RFC 8474
    static func parseObjectID(_ buffer: inout ParseBuffer) throws -> String {
        if try buffer.peek() == UInt8(ascii: "(") {
            // RFC 8474 allows the id in parentheses in FETCH responses only; reject here.
            throw ParserError(hint: "expected objectid")
        }
        return try buffer.readString(hint: "objectid") { byte in
            let upper = asciiUpper(byte)
            return (upper >= UInt8(ascii: "A") && upper <= UInt8(ascii: "Z")) || isDigit(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}
