import Testing

@testable import Auth

@Suite("SASLMechanismName")
struct SASLMechanismNameTests {
    @Test("which stored schemes can serve which mechanism")
    func support() {
        for scheme in PasswordScheme.allCases {
            #expect(SASLMechanismName.plain.isSupported(by: scheme))
            #expect(SASLMechanismName.login.isSupported(by: scheme))
            #expect(SASLMechanismName.cramMD5.isSupported(by: scheme) == [.cramMD5, .plain].contains(scheme))
            #expect(SASLMechanismName.scramSHA256.isSupported(by: scheme) == [.scramSHA256, .plain].contains(scheme))
            #expect(SASLMechanismName.scramSHA1.isSupported(by: scheme) == [.scramSHA1, .plain].contains(scheme))
        }
        #expect(SASLMechanismName.scramSHA256Plus.isSupported(by: .scramSHA256))
        #expect(!SASLMechanismName.scramSHA1Plus.isSupported(by: .scramSHA256))
        #expect(SASLMechanismName.allCases.filter(\.usesChannelBinding) == [.scramSHA1Plus, .scramSHA256Plus])
        #expect(SASLMechanismName(name: "scram-sha-256") == .scramSHA256)
        #expect(SASLMechanismName(name: "SCRAM-SHA-256-PLUS") == .scramSHA256Plus)
        #expect(SASLMechanismName(name: "DIGEST-MD5") == nil)
    }
}
