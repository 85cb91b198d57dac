import ArgumentParser
import Language

@main
struct Infoscope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infoscope",
        abstract: "A language for finding out where the information in a deep network is.",
        version: infoscopeVersion)

    func run() throws {
        print("infoscope \(infoscopeVersion)")
    }
}
