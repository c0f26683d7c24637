import Testing
@testable import IMAPGrammar
