import Testing
@testable import ServerKit

@Test func placeholderServerKit() { #expect(Bool(true)) }
