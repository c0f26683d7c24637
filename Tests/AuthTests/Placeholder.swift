import Testing
@testable import Auth

@Test func placeholderAuth() { #expect(Bool(true)) }
