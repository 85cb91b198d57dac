/// Why a call's cost cannot be estimated before the script runs.
struct UnknownCost: Error {
    let message: String
}
