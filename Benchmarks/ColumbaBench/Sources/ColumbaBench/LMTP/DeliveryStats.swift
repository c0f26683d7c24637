/// What an LMTP run's clients delivered: every message and recipient (warm-up included, to
/// compare with what the mailboxes hold), the measured ones, and their latencies: DATA from
/// the final dot to the last recipient's reply, ENVELOPE from the pipelined RSET/MAIL/RCPT/DATA
/// to the 354.
public struct DeliveryStats: Sendable {
    public var latencies = CommandStats()
    /// Messages and recipient deliveries the server acknowledged, measured or not.
    public var deliveredMessages = 0
    public var deliveredRecipients = 0
    /// Those of the measured time.
    public var measuredMessages = 0
    public var measuredRecipients = 0
    public var measuredOctets = 0

    public init() {}

    public mutating func merge(_ other: DeliveryStats) {
        latencies.merge(other.latencies)
        deliveredMessages += other.deliveredMessages
        deliveredRecipients += other.deliveredRecipients
        measuredMessages += other.measuredMessages
        measuredRecipients += other.measuredRecipients
        measuredOctets += other.measuredOctets
    }

    /// The latency table and the rates over `seconds`.
    public func report(over seconds: Double) -> String {
        let rate = { (count: Int) in format(Double(count) / seconds, 1) }
        return latencies.report(over: seconds) + "\n"
            + "messages/s \(rate(measuredMessages)), recipients/s \(rate(measuredRecipients)), "
            + "MB/s \(format(Double(measuredOctets) / 1_000_000 / seconds, 1)) "
            + "(\(measuredMessages) messages to \(measuredRecipients) recipients measured; "
            + "\(deliveredMessages) messages to \(deliveredRecipients) recipients delivered in all)"
    }
}
