@testable import Language
import XCTest

/// The builtin table is consistent when it is built, not at a user's call.
final class BuiltinTableTests: XCTestCase {
    /// Every default value fits the kind its parameter declares (else leaving the argument out
    /// would fail with a message blaming the user).
    func testEveryDefaultFitsItsParameter() {
        for builtin in BuiltinRegistry.all {
            for p in builtin.parameters {
                guard let accepts = p.acceptsLiteral, let value = p.defaultValue else { continue }
                XCTAssertTrue(accepts(value), "\(builtin.name)(\(p.name):) default \(value.repr) is not \(p.expected?(value) ?? "?")")
            }
        }
    }

    /// Parameter names are unique within a builtin, and builtin names are unique.
    /// `check` prices a call only through what its builtin declares: every probe and runner
    /// declares its cost, and every probe that measures a network says which parameter that is.
    func testEveryProbeAndRunnerDeclaresItsCost() {
        let priced = BuiltinRegistry.all.filter { ["probes", "runners"].contains($0.doc.category) || ["train", "evaluate"].contains($0.name) }
        XCTAssertGreaterThan(priced.count, 15)
        for builtin in priced {
            XCTAssertNotNil(builtin.staticCheck, "\(builtin.name) declares no cost for check")
            if builtin.doc.category == "probes", builtin.name != "shannon_information" {
                XCTAssertEqual(builtin.probeNetwork.map { builtin.parameters[$0].name }, "net", builtin.name)
            }
        }
    }

    func testNamesAreUnique() {
        let names = BuiltinRegistry.all.map(\.name)
        XCTAssertEqual(Set(names).count, names.count, "a builtin name is declared twice")
        for builtin in BuiltinRegistry.all {
            let parameters = builtin.parameters.map(\.name)
            XCTAssertEqual(Set(parameters).count, parameters.count, "\(builtin.name) declares a parameter twice")
        }
    }

    /// A literal is checked against the kind: a literal that fits passes, one that does not is
    /// refused, and `none` is accepted exactly where the parameter may be left out.
    func testLiteralChecksFollowTheDeclaredKinds() throws {
        let train = try XCTUnwrap(BuiltinRegistry.all.first { $0.name == "train" })
        func accepts(_ name: String, _ value: Value) throws -> Bool {
            let p = try XCTUnwrap(train.parameters.first { $0.name == name })
            return try XCTUnwrap(p.acceptsLiteral)(value)
        }
        XCTAssertTrue(try accepts("batch", .number(32)))
        XCTAssertFalse(try accepts("batch", .number(0)))
        XCTAssertFalse(try accepts("batch", .number(2.5)))
        XCTAssertFalse(try accepts("batch", .string("32")))
        XCTAssertTrue(try accepts("batch", .none))
        XCTAssertTrue(try accepts("every", .string("50 steps")))
        XCTAssertFalse(try accepts("every", .string("50 batches")))
        XCTAssertFalse(try accepts("every", .none), "every has a default of 1, not none")
        XCTAssertFalse(try accepts("on", .number(1)), "no literal is a dataset")
        XCTAssertTrue(try accepts("on", .none))
    }
}
