import XCTest
import TensorRuntime
@testable import Learning

/// Round trips of a network through safetensors, NPY, NPZ and checkpoints, and every refusal.
final class WeightFileTests: XCTestCase {
    typealias S = LayerTestSupport
    var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "weightfiles-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A network with trainable tensors, statistics and a nested block, from `seed`.
    func sample(seed: UInt64) throws -> Network {
        try S.built([Layers.conv2d(3, kernel: 3, padding: 1), Layers.batchNorm(), Layers.relu(), Layers.flatten(),
                     Layers.residual([Layers.dense(4), Layers.relu()]), Layers.dense(2, bias: false)], [1, 4, 4], seed: seed)
    }

    func values(_ network: Network) -> [[Float]] { network.allParameters.map(\.value.scalars) }

    func testRoundTripsThroughEveryFormat() throws {
        let source = try sample(seed: 1)
        var random = RandomStream(seed: 0)
        _ = try source.forward(try Tensor.ones([2, 1, 4, 4]), training: true, random: &random) // moves the statistics
        let formats: [(String, (Network, String) throws -> Void, (Network, String) throws -> Void)] = [
            ("w.safetensors", { try $0.exportSafeTensors(to: $1, metadata: ["format": "pt"]) }, { try $0.importSafeTensors(from: $1) }),
            ("w.npz", { try $0.exportNPZ(to: $1) }, { try $0.importNPZ(from: $1) }),
            ("w.ckpt", { try $0.saveCheckpoint(to: $1) }, { try $0.loadCheckpoint(from: $1) }),
        ]
        for (file, save, load) in formats {
            let target = try sample(seed: 2)
            XCTAssertNotEqual(values(target), values(source))
            let path = directory + "/" + file
            try save(source, path)
            try load(target, path)
            XCTAssertEqual(values(target), values(source), file)
            XCTAssertEqual(target.allParameters.map(\.name), source.allParameters.map(\.name))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        XCTAssertEqual(names, ["w.ckpt", "w.npz", "w.safetensors"], "no temporary files are left behind")
        let mode = try FileManager.default.attributesOfItem(atPath: directory + "/w.ckpt")[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o644)
    }

    func testSafeTensorsLayoutAndMetadata() throws {
        let tensors = [NamedTensor(name: "0.weight", shape: [1, 2], values: [0.3, -0.7]),
                       NamedTensor(name: "0.bias", shape: [1], values: [2])]
        let bytes = try SafeTensors.encode(tensors, metadata: ["format": "pt"])
        let length = Int(bytes[0]) | Int(bytes[1]) << 8
        XCTAssertEqual(length % 8, 0)
        XCTAssertEqual(bytes.count, 8 + length + 12)
        let header = String(decoding: bytes[8..<(8 + length)], as: UTF8.self)
        XCTAssertTrue(header.hasPrefix("{\"__metadata__\":{\"format\":\"pt\"},\"0.weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]}"), header)
        let decoded = try SafeTensors.decode(bytes, file: "x")
        XCTAssertEqual(decoded.tensors, tensors)
        XCTAssertEqual(decoded.metadata, ["format": "pt"])
    }

    func testSafeTensorsRefusals() throws {
        let good = try SafeTensors.encode([NamedTensor(name: "a", shape: [2], values: [1, 2])])
        func error(_ bytes: [UInt8]) -> String { S.errorMessage { _ = try SafeTensors.decode(bytes, file: "f.safetensors") } }
        XCTAssertTrue(error(Array(good.prefix(5))).contains("shorter than the 8-byte header length"))
        XCTAssertTrue(error(Array(good.prefix(20))).contains("truncated: the header claims"))
        XCTAssertTrue(error(Array(good.dropLast(4))).contains("outside the 4-byte data section"), error(Array(good.dropLast(4))))
        XCTAssertTrue(error(good + [0, 0, 0, 0]).contains("4 bytes after the last tensor"))
        XCTAssertTrue(error([255, 255, 255, 255, 255, 255, 255, 255]).contains("implausibly large"))
        func withHeader(_ json: String, data: Int = 8) -> [UInt8] {
            var w = ByteWriter()
            w.uint64(UInt64(json.utf8.count))
            w.append(json)
            w.append([UInt8](repeating: 0, count: data))
            return w.bytes
        }
        XCTAssertTrue(error(withHeader("[1]")).contains("not a JSON object"))
        XCTAssertEqual(error(withHeader("{\"a\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]}}")),
                       "safetensors file 'f.safetensors': tensor 'a' has dtype F16; only F32 is supported")
        XCTAssertTrue(error(withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}"))
            .contains("spans 8 bytes but shape [3] of F32 needs 12"))
        XCTAssertTrue(error(withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}"))
            .contains("starts at 4, expected 0"))
        XCTAssertTrue(error(withHeader("{\"a\":{\"dtype\":\"F32\"}}")).contains("needs dtype, shape and two data_offsets"))
    }

    /// NaN or infinite values are refused in safetensors files and checkpoints (NPZ's reader refuses
    /// them already, as it does in data files), naming the first tensor and the count,
    /// and nothing is loaded; allowNonFinite loads them as they are.
    func testNonFiniteValuesAreRefusedUnlessAllowed() throws {
        let source = try S.built([Layers.dense(2), Layers.dense(3)], [2], seed: 1)
        try source.setParameter("0.weight", rows: [[.nan, 1], [.infinity, 2]])
        try source.setParameter("1.bias", to: Tensor(shape: [3], scalars: [-.infinity, 0, 0]))
        let formats: [(String, (String) throws -> Void, (Network, String, Bool) throws -> Void)] = [
            ("w.safetensors", { try source.exportSafeTensors(to: $0) }, { try $0.importSafeTensors(from: $1, allowNonFinite: $2) }),
            ("w.ckpt", { try source.saveCheckpoint(to: $0) }, { try $0.loadCheckpoint(from: $1, allowNonFinite: $2) }),
        ]
        for (file, save, load) in formats {
            let path = directory + "/" + file
            try save(path)
            let target = try S.built([Layers.dense(2), Layers.dense(3)], [2], seed: 2)
            let before = values(target)
            XCTAssertEqual(S.errorMessage { try load(target, path, false) },
                           "'\(path)' holds values that are not finite: tensor '0.weight' has 1 NaN and 1 infinite of its "
                            + "4 values (and 1 more tensor has some); nothing was loaded", file)
            XCTAssertEqual(values(target), before, file)
            try load(target, path, true)
            XCTAssertEqual(values(target).map { $0.map(\.bitPattern) }, values(source).map { $0.map(\.bitPattern) }, file)
        }
    }

    func testADirectoryIsNamedAsOne() throws {
        XCTAssertEqual(S.errorMessage { try S.built([Layers.dense(2)], [2]).importSafeTensors(from: directory) },
                       "cannot access '\(directory)': it is a directory, not a file")
    }

    func testMismatchedNetworksAreRefusedWithoutChangingAnything() throws {
        let source = try sample(seed: 1)
        let path = directory + "/w.safetensors"
        try source.exportSafeTensors(to: path)
        let wider = try S.built([Layers.conv2d(4, kernel: 3, padding: 1), Layers.batchNorm(), Layers.relu(), Layers.flatten(),
                                 Layers.residual([Layers.dense(4), Layers.relu()]), Layers.dense(2, bias: false)], [1, 4, 4])
        let before = values(wider)
        let shape = S.errorMessage { try wider.importSafeTensors(from: path) }
        XCTAssertEqual(shape, "'\(path)' does not match the network: '0.weight' has shape [3, 1, 3, 3] in the file, "
                        + "the network has [4, 1, 3, 3]")
        XCTAssertEqual(values(wider), before)
        let other = try S.built([Layers.flatten(), Layers.dense(2)], [1, 4, 4])
        let names = S.errorMessage { try other.importSafeTensors(from: path) }
        XCTAssertTrue(names.hasPrefix("'\(path)' does not match the network: parameter names differ: unexpected 0.weight, 0.bias, "
                                      + "1.running_mean"), names)
        let bigger = try S.built([Layers.flatten(), Layers.dense(2), Layers.dense(2)], [1, 4, 4])
        try bigger.exportSafeTensors(to: path)
        XCTAssertEqual(S.errorMessage { try other.importSafeTensors(from: path) },
                       "'\(path)' does not match the network: parameter names differ: unexpected 2.weight, 2.bias")
        try other.exportSafeTensors(to: path)
        XCTAssertEqual(S.errorMessage { try bigger.importSafeTensors(from: path) },
                       "'\(path)' does not match the network: parameter names differ: missing 2.weight, 2.bias")
        XCTAssertEqual(S.errorMessage { try Network([Layers.dense(2)]).importSafeTensors(from: path) },
                       "'\(path)' does not match the network: the network is not built; build it before loading weights")
        XCTAssertEqual(S.errorMessage { try other.importSafeTensors(from: directory + "/none") },
                       "cannot access '\(directory)/none': no such file")
    }

    func testNPYMatchesNumPyLayout() throws {
        let bytes = NPY.encode(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(Array(bytes.prefix(8)), [0x93] + Array("NUMPY".utf8) + [1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        XCTAssertEqual((10 + headerLength) % 64, 0)
        XCTAssertEqual(String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines),
                       "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }")
        let path = directory + "/t.npy"
        try NPY.write(NamedTensor(name: "t", shape: [4], values: [1, -2, 3.5, 0]), to: path)
        let read = try NPY.read(path)
        XCTAssertEqual(read.shape, [4])
        XCTAssertEqual(read.values, [1, -2, 3.5, 0])
        XCTAssertTrue(S.errorMessage { _ = try NPY.decode(Array(bytes.dropLast(2)), file: "t.npy") }.hasPrefix("npy file 't.npy': truncated"))
        var huge = NPY.encode(shape: [1 << 61], values: [])
        huge += [0, 0, 0, 0]
        XCTAssertEqual(S.errorMessage { _ = try NPY.decode(huge, file: "h.npy") },
                       "npy file 'h.npy': truncated: shape [2305843009213693952] needs more data than the \(huge.count)-byte file holds")
    }

    /// `numpy.savez_compressed` of `0.weight` = [[1, 2], [3, 4]] (f4) and `0.bias` = [0.5, -1] (f8):
    /// deflated entries with zip64 local headers, as NumPy writes them.
    static let numpyCompressed = "UEsDBC0AAAAIAAAAIQBO+yB1//////////8MABQAMC53ZWlnaHQubnB5AQAQAJAAAAAAAAAAUwAAAAAAAACb7BfqGxDJyFDGUK2eklqcXKRupaBuk2airqOgnpZfVFKUmBefX5SSChJ3S8wpTgWKF2ckFqQC+RpGOgpGmjoKtQpkAy4GhgZ7BgYGByAC4gYHAFBLAwQtAAAACAAAACEAvNS6of//////////CgAUADAuYmlhcy5ucHkBABAAkAAAAAAAAABNAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TZqGuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GkY6mjoKtQoUAC4GMHhgD6E/7AcAUEsBAi0DLQAAAAgAAAAhAE77IHVTAAAAkAAAAAwAAAAAAAAAAAAAAIABAAAAADAud2VpZ2h0Lm5weVBLAQItAy0AAAAIAAAAIQC81LqhTQAAAJAAAAAKAAAAAAAAAAAAAACAAZEAAAAwLmJpYXMubnB5UEsFBgAAAAACAAIAcgAAABoBAAAAAA=="

    func testNPZReadsNumPyCompressedArchives() throws {
        let bytes = [UInt8](try XCTUnwrap(Data(base64Encoded: Self.numpyCompressed)))
        let tensors = try NPZ.decode(bytes, file: "numpy.npz")
        XCTAssertEqual(tensors, [NamedTensor(name: "0.weight", shape: [2, 2], values: [1, 2, 3, 4]),
                                 NamedTensor(name: "0.bias", shape: [2], values: [0.5, -1])])
        let net = try Network.softmaxRegression(inputs: 2, classes: 2)
        let path = directory + "/numpy.npz"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try net.importNPZ(from: path)
        XCTAssertEqual(net.parameters.map(\.value.scalars), [[1, 2, 3, 4], [0.5, -1]])
    }

    func testNPZRefusals() throws {
        let good = try NPZ.encode([NamedTensor(name: "a", shape: [2], values: [1, 2])])
        XCTAssertEqual(try NPZ.decode(good, file: "f.npz"), [NamedTensor(name: "a", shape: [2], values: [1, 2])])
        func error(_ bytes: [UInt8]) -> String { S.errorMessage { _ = try NPZ.decode(bytes, file: "f.npz") } }
        var corrupt = good
        corrupt[30 + 5 + 80] ^= 0xFF // a data byte of the stored .npy (after the 30-byte header and the name)
        XCTAssertTrue(error(corrupt).contains("entry 'a.npy' is corrupt: CRC-32"), error(corrupt))
        XCTAssertTrue(error(Array(good.prefix(good.count - 30))).contains("no end-of-central-directory record"))
        XCTAssertTrue(error(Array("hello".utf8)).contains("too short for a zip archive"))
        var bzip2 = good
        bzip2[8] = 12 // the local header's method field; the reader trusts the central copy
        let centralMethod = good.count - 22 - (46 + 5) + 10
        bzip2[centralMethod] = 12
        XCTAssertEqual(error(bzip2), "npz file 'f.npz': entry 'a.npy' uses compression method 12; only stored (0) and deflate (8) are read")
        let notNPY = try ZipArchive.encode([ZipArchive.Entry(name: "readme.txt", data: Array("hi".utf8))])
        XCTAssertEqual(error(notNPY), "npz file 'f.npz': entry 'readme.txt' is not a .npy file")
    }

    func testCheckpointKeepsSectionsAndRefusesDamage() throws {
        let net = try sample(seed: 1)
        let path = directory + "/run.ckpt"
        let sections = ["optimizer": try Checkpoint.tensorSection([NamedTensor(name: "0.weight.momentum", shape: [1], values: [3])]),
                        "position": Array("{\"epoch\":3,\"step\":1407}".utf8)]
        try net.saveCheckpoint(to: path, sections: sections)
        try net.saveCheckpoint(to: path, sections: sections) // overwriting is atomic too
        let restored = try sample(seed: 9)
        XCTAssertEqual(try restored.loadCheckpoint(from: path), sections)
        XCTAssertEqual(values(restored), values(net))
        let checkpoint = try Checkpoint.read(path)
        XCTAssertEqual(try checkpoint.tensors(inSection: "optimizer", file: path).first?.values, [3])

        let values = try Checkpoint.valueSection(integers: ["trainer.step": 1407, "seed": -3],
                                                 reals: ["loss.sum": 0.1 + 0.2, "inf": .infinity])
        let withValues = Checkpoint(tensors: checkpoint.network, sections: ["state": values])
        let decodedValues = try Checkpoint.decode(try withValues.encode(), file: "v").values(inSection: "state", file: "v")
        XCTAssertEqual(decodedValues.integers, ["trainer.step": 1407, "seed": -3])
        XCTAssertEqual(decodedValues.reals["loss.sum"]?.bitPattern, (0.1 + 0.2).bitPattern)
        XCTAssertEqual(decodedValues.reals["inf"], .infinity)
        XCTAssertThrowsError(try Checkpoint(tensors: [], sections: ["state": Array(values.dropLast())])
            .values(inSection: "state", file: "v"))

        let bytes = try checkpoint.encode()
        func error(_ damaged: [UInt8]) -> String { S.errorMessage { _ = try Checkpoint.decode(damaged, file: "run.ckpt") } }
        var flipped = bytes
        flipped[100] ^= 0x01
        XCTAssertTrue(error(flipped).hasPrefix("checkpoint file 'run.ckpt': checksum mismatch (stored "), error(flipped))
        XCTAssertTrue(error(flipped).hasSuffix("the file is corrupt"))
        XCTAssertEqual(error(Array(bytes.prefix(500))),
                       "checkpoint file 'run.ckpt': truncated: the header records \(bytes.count) bytes, the file has 500")
        XCTAssertEqual(error(Array(bytes.prefix(12))), "checkpoint file 'run.ckpt': truncated header (12 bytes)")
        var version = bytes
        version[8] = 2
        XCTAssertEqual(error(version), "checkpoint file 'run.ckpt': format version 2 is not supported; this build reads version 1")
        XCTAssertEqual(error(Array("NOTACKPT and more".utf8)),
                       "checkpoint file 'run.ckpt': not a checkpoint: it does not start with the magic bytes 'INFOSCKP'")
        let other = try S.built([Layers.flatten(), Layers.dense(2)], [1, 4, 4])
        let mismatch = S.errorMessage { try other.loadCheckpoint(from: path) }
        XCTAssertTrue(mismatch.hasPrefix("'\(path)' does not match the network: parameter names differ"), mismatch)
        XCTAssertEqual(S.errorMessage { try net.saveCheckpoint(to: path, sections: ["network": []]) },
                       "checkpoint file 'checkpoint': the section name 'network' is reserved for the network")
        XCTAssertTrue(S.errorMessage { try net.saveCheckpoint(to: directory + "/missing/dir/x.ckpt") }
            .hasPrefix("cannot access '\(directory)/missing/dir/x.ckpt': cannot create a temporary file"))
    }
}
