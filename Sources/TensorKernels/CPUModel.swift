import CPUSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the running CPU is called and how large its caches are, for `--version`, benchmark
/// records and cache-aware blocking.
public enum CPUModel {
    /// The brand string from `cpuid` ("AMD EPYC 9R14 96-Core Processor"; a hypervisor may shorten
    /// it), or nil where there is none (not x86).
    public static let brandString: String? = {
        var buffer = [CChar](repeating: 0, count: 64)
        guard cpu_support_brand_string(&buffer, buffer.count) else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// The name to print: the brand string, or the architecture when there is none.
    public static var name: String {
        if let brandString { return brandString }
        #if arch(arm64)
        return "unknown arm64 CPU"
        #else
        return "unknown CPU"
        #endif
    }

    /// Cache sizes in bytes of the first core, as Linux reports them in sysfs; nil where unknown.
    public static let caches = CPUCaches.read(fromDirectory: "/sys/devices/system/cpu/cpu0/cache")
}

/// Per-core data cache sizes (L3 is shared by the cores of a complex).
public struct CPUCaches: Sendable, Equatable {
    public var level1Data: Int?
    public var level2: Int?
    public var level3: Int?

    /// Reads `index*/level`, `index*/type` and `index*/size` ("32K", "1024K", "32M") below
    /// `directory`; instruction caches are skipped.
    static func read(fromDirectory directory: String) -> CPUCaches {
        var caches = CPUCaches()
        for index in 0..<8 {
            let entry = "\(directory)/index\(index)/"
            guard let level = readLine(entry + "level").flatMap({ Int($0) }),
                  let type = readLine(entry + "type"), type != "Instruction",
                  let size = readLine(entry + "size").flatMap(parseSize) else { continue }
            switch level {
            case 1: caches.level1Data = size
            case 2: caches.level2 = size
            case 3: caches.level3 = size
            default: break
            }
        }
        return caches
    }

    /// "48K" → 49,152; "2048K" → 2,097,152; "32M" → 33,554,432; plain digits are bytes.
    static func parseSize(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        if let last = text.last, let unit = units[last] {
            return Int(text.dropLast()).map { $0 * unit }
        }
        return Int(text)
    }

    private static func readLine(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 64)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.trimmingCharacters(in: [" ", "\n", "\t"])
    }
}

private extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var result = Substring(self)
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return String(result)
    }
}
