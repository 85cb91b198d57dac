import Probes

/// The settings of activation_information, read before any work.
struct ActivationSettings {
    var beta = 1.0
    var form = ActivationFisherForm.corrected
    /// The input probed: one sample of the data, by its position.
    var input: [Float] = []
    var index = 0
    /// F = c·I instead of the Fisher of the data (for checks by hand and isotropic priors).
    var isotropicFisher: Double?
    var damping = 0.0, epsilon = 0.0
    /// Monte Carlo draws of weight noise per input for I(z_n; y); 0 skips it.
    var draws = 0
    var inputs = 20
    var epsilonParameter: Int?, dampingParameter: Int?
    /// The discrete variable c of the Monte Carlo I(z_n; c), one id per sample; nil for the labels.
    var about: [Int]?
    /// A fitted posterior whose variances are the weight noise (instead of β F⁻¹).
    var posterior: WeightPosterior?
    var posteriorParameter: Int?
}
