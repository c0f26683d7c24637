import Testing
@testable import ColumbaServer

@Test func placeholderColumbaServer() { #expect(Bool(true)) }
