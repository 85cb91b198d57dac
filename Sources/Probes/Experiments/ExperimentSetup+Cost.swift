import Learning

extension ExperimentSetup {
    /// The cost of `epochs` training epochs in total (over all runs) with a test evaluation each
    /// epoch, plus `fisherPasses` Fisher passes on `fisherSamples` samples, for `network`'s sizes.
    func cost(network: Network, epochs: Int, fisherPasses: Int, batchSize: Int? = nil, probe: String, method: String) throws -> CostEstimate {
        let workload = try ProbeWorkload(network: network, samples: train.count)
        let training = ProbeCost.training(workload, epochs: epochs, batchSize: batchSize ?? self.batchSize,
                                          evaluationSamples: test?.count ?? 0, evaluations: test == nil ? 0 : epochs)
        let fisher = ProbeCost.fisher(workload.with(samples: min(fisherSamples, train.count)), estimator: fisherEstimator)
        let passes = Double(fisherPasses)
        return CostEstimate(probe: probe, method: method, tensorFlops: training.tensorFlops + passes * fisher.tensorFlops,
                            operations: training.operations + passes * fisher.operations,
                            peakBytes: max(training.peakBytes, fisher.peakBytes),
                            largestAllocationBytes: max(training.largestAllocationBytes, fisher.largestAllocationBytes),
                            alternative: training.alternative)
    }
}
