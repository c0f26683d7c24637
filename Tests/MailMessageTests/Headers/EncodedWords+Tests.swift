import Testing

@testable import MailMessage

@Suite("RFC 2047 encoded words")
struct EncodedWordsTests {
    /// RFC 2047 §8 examples (encoded form → displayed form), plus the §8 header examples.
    @Test(
        "RFC 2047 §8 examples",
        arguments: [
            ("(=?ISO-8859-1?Q?a?=)", "(a)"),
            ("(=?ISO-8859-1?Q?a?= b)", "(a b)"),
            ("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)"),
            ("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)"),
            ("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)", "(ab)"),
            ("(=?ISO-8859-1?Q?a_b?=)", "(a b)"),
            ("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)"),
            ("=?US-ASCII?Q?Keith_Moore?=", "Keith Moore"),
            ("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?=", "Keld Jørn Simonsen"),
            ("=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard"),
            (
                "=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=\r\n =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=",
                "If you can read this you understand the example."
            ),
        ])
    func rfcExamples(encoded: String, decoded: String) {
        #expect(EncodedWords.decode(HeaderText.unfold(Array(encoded.utf8))) == decoded)
    }

    @Test(
        "broken forms seen in real mail",
        arguments: [
            // No white space between adjacent words.
            ("=?utf-8?b?4pyTIGNoZWNr?==?utf-8?q?_adjacent?=", "✓ check adjacent"),
            // A UTF-8 character split across two words.
            ("=?utf-8?b?4pw=?= =?utf-8?b?kw==?=", "✓"),
            // Lowercase encoding letter and RFC 2231 language suffix.
            ("=?utf-8*en?q?hi?=", "hi"),
            // Unterminated word: kept as written.
            ("=?utf-8?q?no_end", "=?utf-8?q?no_end"),
            // Invalid base64: kept as written.
            ("=?utf-8?B?bad base64!?=", "=?utf-8?B?bad base64!?="),
            // Unknown charset: degrades to UTF-8.
            ("=?x-unknown?q?caf=C3=A9?=", "café"),
            // Plain text around words keeps its spaces.
            ("Re: =?utf-8?q?Gr=C3=BC=C3=9Fe?= aus Bern", "Re: Grüße aus Bern"),
        ])
    func brokenForms(encoded: String, decoded: String) {
        #expect(EncodedWords.decode(Array(encoded.utf8)) == decoded)
    }
}
