import FS
import Testing

@Suite("FSMetadata")
struct FSMetadataTests {
    @Test("valid keys and values are accepted")
    func valid() throws {
        let metadata = try FSMetadata(["guid": "abc", "x-1": "any text = with ünicode", "k": ""])
        #expect(metadata["guid"] == "abc")
        #expect(metadata["missing"] == nil)
        #expect(!metadata.isEmpty)
        #expect(FSMetadata().isEmpty)
    }

    @Test(
        "invalid keys and values are refused",
        arguments: [
            ["": "v"], ["Upper": "v"], ["under_score": "v"], ["a=b": "v"], ["a": "line\nbreak"], ["a": "tab\there"],
            [String(repeating: "k", count: 65): "v"],
            ["big": String(repeating: "v", count: FSMetadata.maximumSize)],
        ]
    )
    func invalid(values: [String: String]) {
        #expect {
            try FSMetadata(values)
        } throws: { error in
            (error as? FSError)?.kind == .invalidMetadata
        }
    }
}
