import ArgumentParser

extension SupplyCast {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Generate the demo hospital network and ingest it.")
        func run() throws {}
    }
}
