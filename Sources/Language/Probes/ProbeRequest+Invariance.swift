import Foundation
import Learning
import Probes
import TensorRuntime

/// The nuisance of an invariance probe: a factor the dataset records per sample, or its values.
enum NuisanceChoice {
    /// A factor of the dataset's nuisance table; "position" stands for dx and dy together.
    case named(String)
    /// One value (or one vector) per sample, as the user gives it.
    case values([[Double]])
}

extension ProbeRequest {
    /// The glyph factors by the names the language offers (GlyphOptions.factorNames).
    static let nuisanceGroups: [String: [String]] = ["position": ["dx", "dy"]]

    /// Reads layer, nuisance and noise. Named nuisances are resolved against the whole data now,
    /// so a factor the data does not record is refused before any work.
    mutating func readInvariance(_ a: BuiltinArguments, _ p: InvarianceParameters) throws {
        let at = p.nuisance.index
        let full = fullData
        let nuisance: NuisanceChoice
        switch try a[p.nuisance] {
        case .string(let name):
            let columns = Self.nuisanceGroups[name] ?? [name]
            guard columns.allSatisfy({ full.nuisances.column($0) != nil }) else {
                let known = full.nuisances.names.isEmpty ? "none" : full.nuisances.names.joined(separator: ", ")
                throw RuntimeError(Messages.invarianceUnknownNuisance(name, dataName, known), parameter: at)
            }
            nuisance = .named(name)
        case .list(let items):
            guard items.count == full.count, data.count == full.count else {
                throw RuntimeError(Messages.invarianceNuisanceCount(items.count, dataName, full.count, data.count), parameter: at)
            }
            nuisance = .values(try items.map { item in
                switch item {
                case .number(let x): return [x]
                case .list(let xs): return try xs.map { v in guard case .number(let x) = v else { throw a.fail(at, expected: "a list of numbers") }; return x }
                default: throw a.fail(at, expected: "a nuisance name or a list of numbers (one per sample)")
                }
            })
        default: throw a.fail(at, expected: "a nuisance name or a list of numbers (one per sample)")
        }
        settings = .invariance(InvarianceSettings(layer: LayerChoice(name: try a[p.layer], parameter: p.layer.index),
                                                  nuisance: nuisance, nuisanceParameter: at, channelNoise: try a[p.noise]))
    }

    /// The nuisance's values for the measured samples, each a vector.
    func nuisanceValues(_ nuisance: NuisanceChoice) throws -> [[Double]] {
        switch nuisance {
        case .values(let v): return v
        case .named(let name):
            let columns = try (Self.nuisanceGroups[name] ?? [name]).map { column -> [Double] in
                guard let values = data.nuisances.floats(column) else {
                    throw RuntimeError(Messages.invarianceUnknownNuisance(name, dataName, data.nuisances.names.joined(separator: ", ")))
                }
                return values.map(Double.init)
            }
            return (0..<data.count).map { i in columns.map { $0[i] } }
        }
    }
}
