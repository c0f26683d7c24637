import Testing

@testable import ServerKit

@Suite("Connection limits")
struct ConnectionLimiterTests {
    @Test("per-address limit refuses the next connection from that address only")
    func perAddress() {
        let limiter = ConnectionLimiter(maximumTotal: 10, maximumPerAddress: 2)
        #expect(limiter.admit("192.0.2.1") == nil)
        #expect(limiter.admit("192.0.2.1") == nil)
        #expect(limiter.admit("192.0.2.1") == .tooManyConnectionsFromAddress)
        #expect(limiter.admit("192.0.2.2") == nil)
        limiter.release("192.0.2.1")
        #expect(limiter.admit("192.0.2.1") == nil)
        #expect(limiter.openConnections == 3)
    }

    @Test("total limit refuses everyone once reached")
    func total() {
        let limiter = ConnectionLimiter(maximumTotal: 2, maximumPerAddress: 5)
        #expect(limiter.admit("a") == nil)
        #expect(limiter.admit("b") == nil)
        #expect(limiter.admit("c") == .tooManyConnections)
        limiter.release("a")
        #expect(limiter.admit("c") == nil)
    }
}
