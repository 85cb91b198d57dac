import XCTest
@testable import Probes

/// How result tables print numbers: decimal alignment, rounding to the standard error,
/// scientific notation, signs, zero and non-finite values.
final class NumberColumnTests: XCTestCase {
    private func texts(_ cells: [ProbeCell]) -> [String?] {
        NumberColumn(cells).parts.map { $0?.text }
    }

    func testPlainColumnGetsOneNumberOfDecimalsFromItsLargestValue() {
        // Largest 13.68 gets four significant digits (2 decimals); the rest share them.
        XCTAssertEqual(texts([.number(1.29655), .number(8.90114), .number(3.48015), .number(13.6778)]),
                       ["1.30", "8.90", "3.48", "13.68"])
        // Small values get a third decimal so 0.0837 keeps two significant digits.
        XCTAssertEqual(texts([.number(0.127458), .number(0.0836669), .number(0.11826)]), ["0.1275", "0.0837", "0.1183"])
        XCTAssertEqual(texts([.number(164.823), .number(9360.83), .number(10215.9)]), ["165", "9361", "10216"])
    }

    func testExactInputsPrintExactly() {
        XCTAssertEqual(texts([.number(16), .number(64)]), ["16", "64"])
        XCTAssertEqual(texts([.number(0.1), .number(0.01)]), ["0.10", "0.01"])
        XCTAssertEqual(texts([.number(0), .number(0)]), ["0", "0"])
    }

    func testEstimateIsRoundedToItsStandardError() {
        XCTAssertEqual(NumberColumn.estimate(14.957, standardError: 0.3149).text, "14.96 ± 0.31")
        XCTAssertEqual(NumberColumn.estimate(13.30781, standardError: 0.740894).text, "13.31 ± 0.74")
        XCTAssertEqual(NumberColumn.estimate(88.12443, standardError: 4.62793).text, "88.1 ± 4.6")
        XCTAssertEqual(NumberColumn.estimate(2.1488234, standardError: 2.63935e-05).text, "2.148823 ± 0.000026")
        // 0.0996 rounds to 0.10 at two significant digits: the value follows to two decimals.
        XCTAssertEqual(NumberColumn.estimate(0.51234, standardError: 0.0996).text, "0.51 ± 0.10")
        // Errors of 10 and more round both to their tens, hundreds, ...
        XCTAssertEqual(NumberColumn.estimate(10215.9, standardError: 234.4).text, "10220 ± 230")
        XCTAssertEqual(NumberColumn.estimate(-3.456, standardError: 0.0123).text, "-3.456 ± 0.012")
        XCTAssertEqual(NumberColumn.estimate(0, standardError: 0.5).text, "0.00 ± 0.50")
    }

    func testEstimatesNeverShowMoreThanFloat32Digits() {
        XCTAssertEqual(NumberColumn.estimate(2.302585092994, standardError: 5.4e-16).text, "2.302585 ± 5.4e-16")
        XCTAssertEqual(NumberColumn.estimate(123.456789, standardError: 1e-6).text, "123.4568 ± 0.0000010")
    }

    func testScientificNotationForVeryLargeAndSmallMagnitudes() {
        XCTAssertEqual(texts([.number(6.00012e-14), .number(2.33785e-09), .number(3.22855e-05)]),
                       ["6.000e-14", "2.338e-09", "3.229e-05"])
        XCTAssertEqual(texts([.number(1.5e7), .number(2)]), ["1.500e+07", "2"])
        // 0.003 beside 1234.5 would need four decimals on every row: it goes scientific instead.
        XCTAssertEqual(texts([.number(1234.5678), .number(0.003)]), ["1234.57", "3.000e-03"])
        XCTAssertEqual(NumberColumn.estimate(1.23456e8, standardError: 3.4e6).text, "1.235e+08 ± 3.4e+06")
        XCTAssertEqual(NumberColumn.estimate(5.0e-5, standardError: 1.2e-6).text, "5.00e-05 ± 1.2e-06")
    }

    func testNegativeNumbersAndNegativeZero() {
        XCTAssertEqual(texts([.number(-3.5556), .number(3.4444), .number(11.5)]), ["-3.56", "3.44", "11.50"])
        XCTAssertEqual(NumberColumn.fixed(-0.001, 2), "0.00")
        XCTAssertEqual(NumberColumn.fixed(-0.006, 2), "-0.01")
        XCTAssertEqual(texts([.number(-225.6123), .number(4.0)]), ["-225.6", "4.0"])
    }

    func testNonFiniteValuesAndErrors() {
        XCTAssertEqual(texts([.number(.nan), .number(.infinity), .number(-.infinity), .number(1.23456)]),
                       ["nan", "inf", "-inf", "1.235"])
        XCTAssertEqual(NumberColumn.estimate(.nan, standardError: 0.1).text, "nan ± 0.10")
        XCTAssertEqual(NumberColumn.estimate(1.5, standardError: .nan).text, "1.5 ± nan")
        XCTAssertEqual(NumberColumn.estimate(1.5, standardError: 0).text, "1.5 ± 0")
        XCTAssertEqual(texts([.share(.nan), .share(0.25)]), ["nan", "25.0%"])
    }

    func testTextCellsAreLeftAlone() {
        XCTAssertEqual(texts([.text("holds"), .empty, .number(2.5)]), [nil, nil, "2.5"])
    }
}

/// The text layout of tables built from those numbers.
final class ProbeTableTextTests: XCTestCase {
    func testFisherTableReadsLikeTheDesignSession() {
        let table = ProbeTable(title: "Fisher information, trace — Monte Carlo", settings: [("unit", "none"), ("±", "one standard error over inputs")],
                               columns: ["layer", "tr F", "share"],
                               rows: [[.text("dense2"), .number(12.4131), .share(0.83)], [.text("dense4"), .number(2.5472), .share(0.17)],
                                      [.text("total"), .estimate(14.9603, standardError: 0.3149)]])
        XCTAssertEqual(table.text, """
            Fisher information, trace — Monte Carlo
            unit: none
              layer   tr F   share
              dense2  12.41  83.0%
              dense4   2.55  17.0%
              total   14.96 ± 0.31 (standard error over inputs)
            """)
    }

    func testErrorSettingStaysWhenAnEstimateIsFollowedByOtherCells() {
        let table = ProbeTable(title: "sweep", settings: [("±", "one standard error over draws")], columns: ["β", "E_Q L_D", "L"],
                               rows: [[.number(0.1), .estimate(2.14879, standardError: 0.0000241), .number(1024.7)],
                                      [.number(0.01), .estimate(0.5, standardError: 0.013), .number(104.3)]])
        XCTAssertEqual(table.text, """
            sweep
            ±: one standard error over draws
              β     E_Q L_D              L
              0.10  2.148790 ± 0.000024  1025
              0.01  0.500    ± 0.013      104
            """)
    }

    func testLastCellDecimalsRunPastTheColumnOnTheCommonPoint() {
        let table = ProbeTable(title: "t", settings: [], columns: ["layer", "KL nats", "share"],
                               rows: [[.text("a"), .number(164.823), .share(0.016)], [.text("b"), .number(9360.83), .share(0.984)],
                                      [.text("E_Q L_D"), .estimate(2.1488234, standardError: 2.6e-5)]])
        XCTAssertEqual(table.text, """
            t
              layer    KL nats  share
              a            165   1.6%
              b           9361  98.4%
              E_Q L_D        2.148823 ± 0.000026 (standard error)
            """)
    }

    func testExportsKeepFullPrecisionWhileTextRounds() throws {
        let table = ProbeTable(title: "t", settings: [], columns: ["layer", "tr F"],
                               rows: [[.text("a"), .number(1.2345678901234)], [.text("total"), .estimate(13.307812345, standardError: 0.74089412)]])
        XCTAssertTrue(table.text.contains(" 1.23\n"), table.text)
        XCTAssertTrue(table.text.contains("13.31 ± 0.74"), table.text)
        XCTAssertEqual(table.csv, "layer,tr F,tr F standard error\na,1.2345678901234,\ntotal,13.307812345,0.74089412\n")
        let object = try JSONSerialization.jsonObject(with: Data(table.json.utf8)) as? [String: Any]
        let rows = object?["rows"] as? [[String: Any]]
        XCTAssertEqual(rows?[0]["tr F"] as? Double, 1.2345678901234)
        XCTAssertEqual((rows?[1]["tr F"] as? [String: Double])?["standard_error"], 0.74089412)
    }
}
