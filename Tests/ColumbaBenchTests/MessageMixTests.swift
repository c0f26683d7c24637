import ColumbaBench
import NIOCore
import Testing

@Suite("LMTP message mix")
struct MessageMixTests {
    @Test("the same seed makes the same messages; another seed other ones")
    func deterministic() {
        let first = MessageMix.generated(count: 40, seed: 9).messages
        let again = MessageMix.generated(count: 40, seed: 9).messages
        let other = MessageMix.generated(count: 40, seed: 10).messages
        #expect(first.map(\.content) == again.map(\.content))
        #expect(first.map(\.sender) == again.map(\.sender))
        #expect(first.map(\.content) != other.map(\.content))
    }

    @Test("sizes like a real mail flow: mostly 2-20 KB, some 100 KB-1 MB")
    func sizes() {
        let sizes = MessageMix.generated(count: 200, seed: 1).messages.map(\.size)
        let small = sizes.filter { (2_048...20_480 + 200).contains($0) }.count
        let large = sizes.filter { (100_000...1_100_000).contains($0) }.count
        #expect(sizes.allSatisfy { (2_048...1_100_000).contains($0) })
        #expect(small > 150, "\(small) of 200 between 2 and 20 KB")
        #expect((4...25).contains(large), "\(large) of 200 above 100 KB")
    }

    @Test("messages are CRLF text, dot-stuffed, with a header and a body")
    func wellFormed() {
        for message in MessageMix.generated(count: 60, seed: 3).messages {
            let text = String(buffer: message.content)
            #expect(text.hasSuffix("\r\n"))
            #expect(!text.hasSuffix("\r\n.\r\n"))
            let bytes = Array(message.content.readableBytesView)
            #expect(bytes.indices.allSatisfy { bytes[$0] != 10 || ($0 > 0 && bytes[$0 - 1] == 13) }, "a bare LF")
            #expect(!text.contains("\r\n.\r\n"))
            #expect(text.contains("\r\nMessage-ID: <mix.3."))
            #expect(text.contains("\r\n\r\n"))
            #expect(message.content.readableBytes >= message.size)
        }
    }

    @Test("the kinds' shares add up to 100 percent")
    func weights() {
        #expect(MessageMix.Kind.allCases.reduce(0) { $0 + $1.weight } == 100)
    }

    @Test("mbox messages are dot-stuffed and sent from the given sender")
    func mbox() {
        let messages = MboxReader.messages(in: Array("From a@b Sat Jan  3 01:05:34 1996\nSubject: x\n\n.hidden\nend\n".utf8))
        let mix = MessageMix(mbox: messages, sender: "bench@example.net")
        #expect(mix.messages.count == 1)
        #expect(mix.messages[0].sender == "bench@example.net")
        #expect(String(buffer: mix.messages[0].content) == "Subject: x\r\n\r\n..hidden\r\nend\r\n")
        #expect(mix.largestSize == "Subject: x\r\n\r\n.hidden\r\nend\r\n".utf8.count)
    }
}
