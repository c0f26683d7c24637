import Testing

@testable import Auth

@Suite("FailurePenalty")
struct FailurePenaltyTests {
    @Test("delays double from 2 s up to 15 s; success and quiet periods reset; addresses are independent")
    func growth() {
        var penalty = FailurePenalty(policy: FailurePenaltyPolicy())
        let delays = (0..<6).map { _ in penalty.recordFailure(address: "a", now: .seconds(10)) }
        #expect(delays == [.seconds(2), .seconds(4), .seconds(8), .seconds(15), .seconds(15), .seconds(15)])
        #expect(penalty.recordFailure(address: "b", now: .seconds(10)) == .seconds(2))
        penalty.recordSuccess(address: "a")
        #expect(penalty.failures(address: "a", now: .seconds(10)) == 0)
        #expect(penalty.recordFailure(address: "a", now: .seconds(11)) == .seconds(2))
        #expect(penalty.recordFailure(address: "a", now: .seconds(12)) == .seconds(4))
        #expect(penalty.recordFailure(address: "a", now: .seconds(12 + 3600)) == .seconds(2))
    }

    @Test("the table forgets the stalest addresses beyond its size")
    func bounded() {
        var penalty = FailurePenalty(policy: FailurePenaltyPolicy(maximumTrackedAddresses: 3))
        for index in 0..<5 {
            _ = penalty.recordFailure(address: "10.0.0.\(index)", now: .seconds(Int64(index)))
        }
        #expect(penalty.failures(address: "10.0.0.0", now: .seconds(5)) == 0)
        #expect(penalty.failures(address: "10.0.0.4", now: .seconds(5)) == 1)
    }

    @Test("a disabled policy never delays")
    func disabled() {
        var penalty = FailurePenalty(policy: .disabled)
        #expect(penalty.recordFailure(address: "a", now: .zero) == .zero)
        #expect(penalty.recordFailure(address: "a", now: .zero) == .zero)
    }
}
