import ArgumentParser
import LandbankRegistry

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Make, list and revoke the server's API tokens (kept only as SHA-256 digests).",
        subcommands: [TokenAdd.self, TokenList.self, TokenRevoke.self])
}

extension TokenRole: ExpressibleByArgument {}

struct TokenAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Make a token and print it once: only its digest is kept, so it cannot be shown again.",
        discussion: "Roles: clerk (record, import, edit), officer (read everything, match), leader (read everything), public (the published inventory).")

    @OptionGroup var target: RegistryArgument
    @Option(help: "clerk, officer, leader or public.") var role: TokenRole
    @Option(help: "Who holds it; written into the history as who made each write.") var name: String

    func run() throws {
        try CLI.run(registry: target.registry) {
            let token = try CLI.open(target.registry).addToken(name: name, role: role)
            print(token)
            printError("landbank: made a \(role.rawValue) token for \(name); it is shown only this once — keep it secret")
        }
    }
}

struct TokenList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the tokens: names, roles, when made and revoked.")

    @OptionGroup var target: RegistryArgument
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.run(registry: target.registry) {
            let tokens = try CLI.open(target.registry, readOnly: true).tokens()
            if output.json { return try CLI.printJSON(tokens) }
            print(Format.table(["name", "role", "created", "revoked"],
                               tokens.map { [$0.name, $0.role.rawValue, $0.createdAt, $0.revokedAt ?? ""] }))
            print("\(tokens.filter { $0.revokedAt == nil }.count) in force, \(tokens.filter { $0.revokedAt != nil }.count) revoked")
        }
    }
}

struct TokenRevoke: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke the token in force of that name; the server refuses it at once.")

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The token's name.") var name: String

    func run() throws {
        try CLI.run(registry: target.registry) {
            try CLI.open(target.registry).revokeToken(name: name)
            print("revoked the token of \(name)")
        }
    }
}
