import Foundation
import XCTest

/// `import_npz` against archives NumPy writes (`numpy.savez`, float32 and float64) and against our
/// own `export_npz`: the values arrive bit for bit, and every wrong file is refused naming the file
/// and what is wrong. NumPy writes the files, so the tests are skipped without it.
final class NPZImportTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "npz-import-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        addTeardownBlock { [directory] in try? FileManager.default.removeItem(atPath: directory) }
        if try SavedFileCheck.python(["-c", "import numpy"]).hasPrefix("python3 failed") {
            throw XCTSkip("numpy is not installed")
        }
    }

    /// Runs `code` in Python with numpy imported as np and `d` the test's folder; fails on an error.
    func numpy(_ code: String) throws -> String {
        let output = try SavedFileCheck.python(["-c", "import numpy as np, sys\nd = sys.argv[1]\n" + code, directory])
        XCTAssertFalse(output.hasPrefix("python3 failed"), output)
        return output
    }

    let declare = "network pair { input [2]; dense(3) relu; dense(2) }\nlet net = pair()\n"

    func testArchivesNumPyWritesLoad() throws {
        // float32 and float64 arrays side by side, in either byte order; float64 is rounded to float32.
        _ = try numpy("""
            np.savez(d + "/w.npz", **{"0.weight": np.array([[1, 2], [3, 4], [5, 6]], dtype=np.float32),
                     "0.bias": np.array([0.1, -2.5, 0], dtype=np.float64),
                     "2.weight": np.full((2, 3), 0.25, dtype=">f4"), "2.bias": np.zeros(2)})
            """)
        let (outcome, sink) = runScript(declare + "import_npz(net, \"\(directory)/w.npz\")\n"
            + "print net.layers[0].weight, net.layers[0].bias\nprint net.layers[2].weight[1], net.layers[2].bias\n")
        XCTAssertEqual(outcome, .success, sink.standardError)
        XCTAssertEqual(sink.standardOutput, "[[1, 2], [3, 4], [5, 6]] [0.1, -2.5, 0]\n[0.25, 0.25, 0.25] [0, 0]\n")
    }

    func testExportThroughNumPyAndBackIsBitIdentical() throws {
        // Trained weights are not round numbers: every bit of them must survive both trips.
        let train = "train(net, on: moons(100, seed: 0), epochs: 2, seed: 1)\n"
        let (exported, first) = runScript(declare + train + "export_npz(net, \"\(directory)/ours.npz\")\n")
        XCTAssertEqual(exported, .success, first.standardError)
        let names = try numpy("""
            a = np.load(d + "/ours.npz")
            np.savez(d + "/theirs.npz", **{k: a[k] for k in a.files})
            print(" ".join(f"{k}:{a[k].dtype}" for k in a.files))
            """)
        XCTAssertEqual(names, "0.weight:float32 0.bias:float32 2.weight:float32 2.bias:float32\n")
        let (imported, second) = runScript(declare + "import_npz(net, \"\(directory)/theirs.npz\")\n"
            + "export_npz(net, \"\(directory)/again.npz\")\nprint net.parameters\n")
        XCTAssertEqual(imported, .success, second.standardError)
        XCTAssertEqual(second.standardOutput, "[\"0.weight\", \"0.bias\", \"2.weight\", \"2.bias\"]\n")
        let same = try numpy("""
            a, b = np.load(d + "/ours.npz"), np.load(d + "/again.npz")
            print(a.files == b.files and all(a[k].tobytes() == b[k].tobytes() for k in a.files))
            """)
        XCTAssertEqual(same, "True\n")
    }

    func testWrongArchivesAreRefusedNamingWhatIsWrong() throws {
        _ = try numpy("""
            w, b = np.ones((3, 2), np.float32), np.zeros(3, np.float32)
            rest = {"2.weight": np.ones((2, 3), np.float32), "2.bias": np.zeros(2, np.float32)}
            np.savez(d + "/ints.npz", **{"0.weight": np.ones((3, 2), np.int64), "0.bias": b}, **rest)
            np.savez(d + "/names.npz", **{"0.weight": w, "0.b": b}, **rest)
            np.savez(d + "/shape.npz", **{"0.weight": np.ones((2, 3), np.float32), "0.bias": b}, **rest)
            np.savez(d + "/huge.npz", **{"0.weight": np.full((3, 2), 1e300), "0.bias": b}, **rest)
            np.savez(d + "/nan.npz", **{"0.weight": w, "0.bias": np.array([0, np.nan, np.inf], np.float32)}, **rest)
            """)
        func error(_ file: String) -> String {
            let (outcome, sink) = runScript(declare + "import_npz(net, \"\(directory)/\(file)\")\n")
            XCTAssertEqual(outcome, .runtimeError, file)
            return sink.standardError
        }
        let path = directory
        XCTAssertTrue(error("ints.npz").contains("npy file '\(path)/ints.npz[0.weight.npy]': its elements are '<i8' (integers); "
                                                 + "weights are read from float32 ('<f4') or float64 ('<f8') arrays"), error("ints.npz"))
        XCTAssertTrue(error("names.npz").contains("'\(path)/names.npz' does not match the network: parameter names differ: "
                                                  + "missing 0.bias; unexpected 0.b"), error("names.npz"))
        XCTAssertTrue(error("shape.npz").contains("'0.weight' has shape [2, 3] in the file, the network has [3, 2]"), error("shape.npz"))
        XCTAssertTrue(error("huge.npz").contains("[0.weight.npy]': element 0 is 1e+300, beyond the range of float32"), error("huge.npz"))
        XCTAssertTrue(error("nan.npz").contains("holds values that are not finite: tensor '0.bias' has 1 NaN and 1 infinite "
                                                + "of its 3 values; nothing was loaded"), error("nan.npz"))
        XCTAssertTrue(error("nan.npz").contains("note: allow_nonfinite: true loads them as they are"), error("nan.npz"))
        let (allowed, sink) = runScript(declare + "import_npz(net, \"\(path)/nan.npz\", allow_nonfinite: true)\nprint net.layers[0].bias\n")
        XCTAssertEqual(allowed, .success, sink.standardError)
        XCTAssertEqual(sink.standardOutput, "[0, nan, inf]\n")
    }
}

extension NPZImportTests {
    /// The tensors a probe result lists are the arrays of the network's exported file: each
    /// display name maps to an entry of the archive with the shape the result gives it.
    func testProbeTensorNamesMapToTheExportedFile() throws {
        let source = """
            network block(w) { dense(w) relu }
            network deep { input [2]; block(4) dense(3) }
            let net = deep()
            export_npz(net, "\(directory)/deep.npz")
            fisher_diagonal(net, moons(40, seed: 0), samples: 10, seed: 0).save("\(directory)/diag.json")

            """
        let (outcome, sink) = runScript(source)
        XCTAssertEqual(outcome, .success, sink.standardError)
        let report = try numpy("""
            import json
            members = json.load(open(d + "/diag.json"))["members"]
            archive = np.load(d + "/deep.npz")
            names = members["parameter_names"]
            assert sorted(names.values()) == sorted(archive.files), (names, archive.files)
            for shown, stored in names.items():
                assert list(archive[stored].shape) == members["shapes"][shown], (shown, stored)
                assert len(members["diagonal"][shown]) == archive[stored].size, shown
            print(" ".join(f"{k}={v}" for k, v in names.items()))
            """)
        XCTAssertEqual(report, "block1.dense1.weight=0.0.weight block1.dense1.bias=0.0.bias dense2.weight=1.weight dense2.bias=1.bias\n")
    }
}
