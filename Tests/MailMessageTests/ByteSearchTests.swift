import MailMessage
import Testing

@Suite("ByteSearch")
struct ByteSearchTests {
    @Test("finds the first occurrence, with indices of the slice it searched")
    func search() {
        let bytes = Array("abcabdabcabe".utf8)
        #expect(ByteSearch.firstIndex(of: Array("abe".utf8), in: bytes[...]) == 9)
        #expect(ByteSearch.firstIndex(of: Array("abc".utf8), in: bytes[1...]) == 6)
        #expect(ByteSearch.firstIndex(of: Array("abd".utf8), in: bytes[...]) == 3)
        #expect(ByteSearch.firstIndex(of: Array("abx".utf8), in: bytes[...]) == nil)
        #expect(ByteSearch.firstIndex(of: Array("e".utf8), in: bytes[...]) == 11)
        #expect(ByteSearch.firstIndex(of: Array("abcabdabcabe!".utf8), in: bytes[...]) == nil)
        #expect(ByteSearch.firstIndex(of: [], in: bytes[4...]) == 4)
        #expect(ByteSearch.firstIndex(of: Array("a".utf8), in: bytes[12...]) == nil)
        #expect(ByteSearch.firstRange(of: Array("cab".utf8), in: bytes[3...]) == 8..<11)
        // Overlapping prefixes: "aab" inside "aaab".
        #expect(ByteSearch.firstIndex(of: Array("aab".utf8), in: Array("aaab".utf8)[...]) == 1)
    }
}
