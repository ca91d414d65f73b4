import ArgumentParser
import Store

extension SupplyCast {
    struct Tokens: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create, list and revoke API bearer tokens.",
            discussion: """
                Roles: integration (feeds), planner, scheduler, ops, trace (patient-level traceability), admin (all).

                Example:
                  supplycast tokens create --role integration --name mirth-north
                  curl -H "Authorization: Bearer $TOKEN" --data-binary @events.ndjson \\
                       -H 'Content-Type: application/x-ndjson' http://127.0.0.1:8080/v1/events
                """,
            subcommands: [Create.self, List.self, Revoke.self])
    }
}

extension Role: ExpressibleByArgument {}

extension SupplyCast.Tokens {
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token; its secret is printed once and only its hash is kept.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "integration, planner, scheduler, ops, trace or admin.") var role: Role
        @Option(help: "Who or what uses it, e.g. mirth-north.") var name: String

        func run() throws {
            let (info, secret) = try global.openStore().createToken(name: name, role: role)
            printNote("token \(info.id) '\(info.name)' (role \(info.role.rawValue)); store the secret now, it is not shown again:")
            print(secret)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions

        func run() throws {
            try Listing<TokenInfo>(columns: [
                ("id", { "\($0.id)" }), ("name", \.name), ("role", \.role.rawValue), ("created", \.createdAt),
                ("revoked", { $0.revokedAt ?? "" }),
            ]).print(try global.openStore().tokens(), format: listing.format, empty: "no tokens")
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token at once.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Token id (see tokens list).") var id: Int64

        func run() throws {
            try global.openStore().revokeToken(id: id)
            print("token \(id) revoked")
        }
    }
}
