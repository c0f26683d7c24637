import Testing
@testable import MailMessage

@Test func placeholderMailMessage() { #expect(Bool(true)) }
