import Testing

@testable import IMAPGrammar

@Suite("IMAPDateTime")
struct IMAPDateTimeTests {
    @Test("seconds since 1970", arguments: [
        (1970, 1, 1, 0, 0, 0, 0, Int64(0)),
        (2000, 2, 29, 12, 0, 0, 0, Int64(951_825_600)),
        (2026, 11, 29, 5, 53, 40, 0, Int64(1_795_931_620)),
        // 01:00 at +0100 is midnight UTC.
        (1970, 1, 1, 1, 0, 0, 60, Int64(0)),
        (1969, 12, 31, 19, 0, 0, -300, Int64(0)),
        (1900, 3, 1, 0, 0, 0, 0, Int64(-2_203_891_200)),
    ])
    func seconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, zone: Int, expected: Int64) throws {
        let date = try #require(IMAPDate(year: year, month: month, day: day))
        let time = try #require(IMAPDateTime(date: date, hour: hour, minute: minute, second: second, zoneMinutes: zone))
        #expect(time.secondsSince1970 == expected)
    }
}
