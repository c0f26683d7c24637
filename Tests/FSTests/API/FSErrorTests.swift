import FS
import Testing

@Suite("FSError")
struct FSErrorTests {
    @Test("the description names the kind, path, detail and errno")
    func description() {
        let error = FSError(kind: .io, path: "box/u.1", errno: 5, detail: "Input/output error")
        #expect(error.description == "io: box/u.1: Input/output error (errno 5)")
        #expect(FSError(kind: .notFound, path: "x").description == "notFound: x")
    }
}
