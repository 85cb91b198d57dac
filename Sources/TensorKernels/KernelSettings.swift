/// The start-up step of every executable that runs kernels (`infoscope`, `infoscope-bench`).
///
/// No CPU check is needed: only the kernel variants are compiled for a particular CPU, and
/// `KernelPath` never calls one the CPU lacks. What can still be wrong is a setting.
public enum KernelSettings {
    /// Checks `INFOSCOPE_KERNELS` and `INFOSCOPE_DENORMALS`. When both are understood (and the
    /// forced path runs on this CPU), applies the denormal mode to the calling thread and returns
    /// nil; otherwise returns the message to print before stopping with status 70.
    public static func prepareMainThread() -> String? {
        if let problem = KernelPath.startupProblem ?? DenormalMode.startupProblem {
            return problem
        }
        DenormalMode.prepareCurrentThread()
        return nil
    }
}
