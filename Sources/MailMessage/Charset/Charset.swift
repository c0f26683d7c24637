import Glibc

/// Decoding of named charsets to Unicode.
///
/// UTF-8, US-ASCII and ISO-8859-1 are decoded directly; every other charset goes through glibc's
/// iconv, which covers ISO-8859-1…16, Windows-1250…1258, KOI8-R/U, GB2312/GBK/GB18030, Big5,
/// Shift_JIS, EUC-JP, ISO-2022-JP, EUC-KR, UTF-7 and UTF-16/32. Invalid sequences become U+FFFD;
/// an unknown charset degrades to UTF-8 with replacement characters. Decoding never fails.
public enum Charset {
    /// Decodes bytes in a named charset.
    /// - Parameters:
    ///   - bytes: The encoded text.
    ///   - charset: A MIME charset name (case-insensitive), e.g. `iso-8859-2`, `Shift_JIS`.
    /// - Returns: The text.
    public static func decode(_ bytes: [UInt8], charset: String) -> String {
        let name = canonicalName(charset)
        switch name {
        case "UTF-8", "US-ASCII":
            return String(decoding: bytes, as: UTF8.self)
        case "ISO-8859-1":
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        default:
            if let text = iconvDecode(bytes, from: name) { return text }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Whether the charset can be decoded (it is built in or iconv knows it).
    public static func isSupported(_ charset: String) -> Bool {
        let name = canonicalName(charset)
        if name == "UTF-8" || name == "US-ASCII" || name == "ISO-8859-1" { return true }
        let descriptor = iconv_open("UTF-8", name)
        guard descriptor != iconv_t(bitPattern: -1) else { return false }
        iconv_close(descriptor)
        return true
    }

    /// Maps MIME charset names and common aliases to names iconv knows.
    static func canonicalName(_ charset: String) -> String {
        let lower = charset.lowercasedASCII().filter { $0 != " " && $0 != "\"" }
        switch lower {
        case "utf-8", "utf8", "unicode-1-1-utf-8": return "UTF-8"
        case "us-ascii", "ascii", "ansi_x3.4-1968", "": return "US-ASCII"
        case "iso-8859-1", "iso8859-1", "latin1", "l1", "iso_8859-1": return "ISO-8859-1"
        case "gb2312", "gbk", "x-gbk", "cp936", "euc-cn": return "GB18030"
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "cp932": return "CP932"
        case "ks_c_5601-1987", "ks_c_5601", "korean", "cp949": return "CP949"
        case "big5", "big5-hkscs", "x-big5": return "BIG5-HKSCS"
        case "utf-7", "utf7": return "UTF-7"
        default:
            return lower.uppercased()
        }
    }

    private static func iconvDecode(_ bytes: [UInt8], from name: String) -> String? {
        let descriptor = iconv_open("UTF-8", name)
        guard descriptor != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2 + 16)
        var input = bytes
        let inputCount = input.count
        var chunk = [UInt8](repeating: 0, count: 4096)
        input.withUnsafeMutableBufferPointer { inBuffer in
            chunk.withUnsafeMutableBufferPointer { outBuffer in
                var consumed = 0
                var flushed = false
                while true {
                    var inPointer: UnsafeMutablePointer<CChar>? =
                        inBuffer.baseAddress.map { UnsafeMutableRawPointer($0 + consumed).assumingMemoryBound(to: CChar.self) }
                    var inLeft = inputCount - consumed
                    var outPointer: UnsafeMutablePointer<CChar>? =
                        UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count
                    let result: Int
                    if inLeft == 0 {
                        result = iconv(descriptor, nil, nil, &outPointer, &outLeft)
                        flushed = true
                    } else {
                        result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    }
                    let errorNumber = errno
                    output += outBuffer[0..<(outBuffer.count - outLeft)]
                    consumed = inputCount - inLeft
                    if flushed { break }
                    if result == -1 {
                        if errorNumber == E2BIG { continue }
                        // EILSEQ or EINVAL (truncated sequence): replace one byte and go on.
                        output += HeaderText.replacementCharacter
                        consumed += 1
                        if consumed >= inputCount {
                            _ = iconv(descriptor, nil, nil, nil, nil)
                            break
                        }
                        continue
                    }
                    if consumed >= inputCount { continue }
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
