import Foundation
import XCTest

/// Fisher probes and curvature products under mpirun split their inputs over the ranks
/// (docs/distributed.md): each rank computes its share of the inputs in its own chunks, so the
/// values agree with a single process's to float rounding (gradients are computed in float, and
/// how many rows a kernel call takes changes the order of its additions), and every rank gets
/// the same result.
final class MPIProbeTests: XCTestCase {
    func script(_ directory: String) -> String {
        """
        let data = glyphs(301, seed: 0) |> normalize
        network m { input [1, 28, 28]; flatten; dense(16) relu; dense(10) }
        let net = m()
        let mc = fisher_trace(net, on: data, samples: 301, seed: 4)
        let exact = fisher_trace(net, on: data, samples: 301, exact: true)
        let emp = empirical_fisher(net, on: data, samples: 301)
        let diag = fisher_diagonal(net, on: data, samples: 301, exact: true)
        let hutchinson = hessian_trace(net, on: data, samples: 301, probes: 20, seed: 5)
        let lanczos = hessian_eigenvalues(net, on: data, k: 2, steps: 12, samples: 301, seed: 5)
        print mc.title
        let values = {mc: mc.total, mc_se: mc.stderr, mc_dense2: mc.layers[0].value, exact: exact.total,
                      empirical: emp.total, diagonal: diag.total, hessian: hutchinson.total, hessian_se: hutchinson.stderr,
                      top: lanczos.total}
        write_json(values, "\(directory)/values.json")
        write_json(diag.diagonal, "\(directory)/diagonal.json")
        """
    }

    func read<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
        try JSONDecoder().decode(type, from: try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func testProbesOnRanksAgreeWithTheSingleProcessToFloatRounding() throws {
        let one = try ScratchDirectory()
        let single = try MPILauncher.alone(["--quiet", try one.write("p.isc", script(one.path))])
        XCTAssertEqual(single.status, 0, single.standardError)
        let values = try read([String: Double].self, one.path + "/values.json")
        let diagonal = try read([String: [Double]].self, one.path + "/diagonal.json")
        XCTAssertEqual(values.count, 9)
        XCTAssertEqual(diagonal.count, 4)
        for ranks in [2, 3] {
            let many = try ScratchDirectory()
            let job = try MPILauncher.run(ranks, ["--quiet", try many.write("p.isc", script(many.path))])
            XCTAssertEqual(job.status, 0, job.standardError)
            XCTAssertEqual(job.standardOutput, single.standardOutput, "\(ranks) ranks")
            for (name, value) in try read([String: Double].self, many.path + "/values.json") {
                let reference = try XCTUnwrap(values[name])
                XCTAssertEqual(value, reference, accuracy: 1e-5 * abs(reference), "\(name) on \(ranks) ranks")
            }
            for (name, theirs) in try read([String: [Double]].self, many.path + "/diagonal.json") {
                let reference = try XCTUnwrap(diagonal[name])
                XCTAssertEqual(theirs.count, reference.count)
                let scale = reference.map(abs).max() ?? 1
                for (a, b) in zip(theirs, reference) { XCTAssertEqual(a, b, accuracy: 1e-5 * scale, "\(name) on \(ranks) ranks") }
            }
        }
    }

    /// `parallel: "runs"`: each rank trains its runs alone, and every rank ends with every run,
    /// so the result (and what the script does with it) is the single process's, bit for bit.
    func testRunsSharedOutAmongRanksGiveTheSingleProcessResult() throws {
        let script = """
            let data = glyphs(240, seed: 0) |> normalize
            let test = glyphs(80, seed: 1) |> normalize(like: data)
            network m { input [1, 28, 28]; flatten; dense(12) relu; dense(10) }
            let cp = critical_period(m, on: data, eval: test, lengths: [0, 1, 2], clean: 1, fisher_samples: 40, seed: 2,
                                     parallel: "runs")
            print cp
            print cp.final_accuracy, cp.fisher
            let sweep = batch_size_sweep(m, on: data, sizes: [16, 32, 64], epochs: 1, beta: 0.01, fisher_samples: 40, seed: 3,
                                         parallel: "runs")
            print sweep.final_fisher, sweep.weights_nats, sweep.quadratic_ok, sweep.sampled_loss
            let small = m()
            let betas = beta_sweep(small, data, betas: [0.001, 0.01, 0.1], steps: 20, samples: 100, seed: 4, parallel: "runs")
            print betas
            print betas.kl, betas.expected_loss, betas.objective_trace
            print random_int(0, 1000000)
            """
        let one = try ScratchDirectory(), many = try ScratchDirectory()
        let single = try MPILauncher.alone(["--quiet", try one.write("r.isc", script)])
        XCTAssertEqual(single.status, 0, single.standardError)
        let job = try MPILauncher.run(2, ["--quiet", try many.write("r.isc", script)])
        XCTAssertEqual(job.status, 0, job.standardError)
        XCTAssertEqual(job.standardOutput, single.standardOutput)
        XCTAssertTrue(single.standardOutput.contains("deficit"), single.standardOutput)
    }

    /// activation_information shares out the input entries of its covariance term and the inputs
    /// of its Monte Carlo draws (skipping the noise of the inputs before a rank's share): every
    /// row and derivative is the single process's, so the result is too, bit for bit. (The
    /// Fisher is given, `fisher: 1`, so that no split product enters.)
    func testActivationInformationOnRanksIsTheSingleProcessResult() throws {
        let script = """
            let data = blobs(60, classes: 3, dimensions: 6, seed: 0)
            network m { input [6]; dense(4) relu; dense(3) }
            let r = activation_information(m(), data, layer: "dense1", beta: 0.1, fisher: 1, epsilon: 1e-6, draws: 5,
                                           inputs: 7, seed: 3)
            print r
            print r.total, r.map
            """
        let one = try ScratchDirectory(), many = try ScratchDirectory()
        let single = try MPILauncher.alone(["--quiet", try one.write("a.isc", script)])
        XCTAssertEqual(single.status, 0, single.standardError)
        for ranks in [2, 3] {
            let job = try MPILauncher.run(ranks, ["--quiet", try many.write("a.isc", script)])
            XCTAssertEqual(job.status, 0, job.standardError)
            XCTAssertEqual(job.standardOutput, single.standardOutput, "\(ranks) ranks")
        }
    }
}
