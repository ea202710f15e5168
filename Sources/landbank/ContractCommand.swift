import ArgumentParser
import LandbankLifecycle
import LandbankRegistry

struct ContractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract", abstract: "Land supply contracts (出让合同): record, import, list.",
        subcommands: [SetContract.self, ImportContracts.self, ListContracts.self])
}

struct SetContract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Record a parcel's supply contract or update its facts (each change is kept in the history).")

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The parcel id.") var parcel: String
    @Option(help: "The contract number.") var contractNo: String
    @Option(help: "The land user holding the contract.") var holder: String?
    @Option(help: "Land price, yuan.") var price: Money?
    @Option(help: "Agreed start of construction.") var agreedStart: CivilDate?
    @Option(help: "Agreed completion.") var agreedCompletion: CivilDate?
    @Option(help: "Actual start of construction.") var actualStart: CivilDate?
    @Option(help: "The date work stopped.") var stoppedOn: CivilDate?
    @Option(help: "Developed area, m².") var developedArea: Double?
    @Option(help: "Total area to develop, m² (default: the parcel's cadastral area).") var totalArea: Double?
    @Option(help: "Investment made, yuan.") var investmentMade: Money?
    @Option(help: "Total investment promised, yuan.") var totalInvestment: Money?
    @Option(help: "A delay caused by the government or force majeure (government, force_majeure).") var delayCause: DelayCause?
    @Option(help: "What the delay was.") var delayNote: String?
    @Option(help: "The date of this record (default: today).") var date: CivilDate?
    @OptionGroup var recorder: RecorderOption

    func validate() throws {
        try OptionRanges.area(developedArea, "--developed-area")
        try OptionRanges.area(totalArea, "--total-area")
        try OptionRanges.amount(price, "--price")
        try OptionRanges.amount(investmentMade, "--investment-made")
        try OptionRanges.amount(totalInvestment, "--total-investment")
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry)
            let old = try registry.contracts(parcelID: parcel).first { $0.contract.contractNumber == contractNo }?.contract
            guard let holder = holder ?? old?.holder, let price = price ?? old?.landPrice,
                  let agreedStart = agreedStart ?? old?.agreedStart else {
                throw CLIError("a new contract needs --holder, --price and --agreed-start")
            }
            let c = SupplyContract(
                contractNumber: contractNo, holder: holder, landPrice: price, agreedStart: agreedStart,
                agreedCompletion: agreedCompletion ?? old?.agreedCompletion, actualStart: actualStart ?? old?.actualStart,
                stoppedOn: stoppedOn ?? old?.stoppedOn, developedArea: developedArea ?? old?.developedArea,
                totalArea: totalArea ?? old?.totalArea, investmentMade: investmentMade ?? old?.investmentMade,
                totalInvestment: totalInvestment ?? old?.totalInvestment, delayCause: delayCause ?? old?.delayCause,
                delayNote: delayNote ?? old?.delayNote)
            try registry.setContract(parcelID: parcel, c, recordedBy: recorder.recordedBy, date: date ?? .today())
            print("\(old == nil ? "recorded" : "updated") contract \(contractNo) of parcel \(parcel)")
        }
    }
}

struct ImportContracts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record the contracts of a CSV file, all or none.",
        discussion: """
            Columns: parcel_id, contract_no, holder, land_price_yuan, agreed_start, agreed_completion, actual_start, \
            stopped_on, developed_area_m2, total_area_m2, investment_made_yuan, total_investment_yuan, delay_cause, delay_note.
            """)

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The CSV file.") var file: String
    @Option(help: "The date the contracts are recorded (default: today).") var date: CivilDate?
    @OptionGroup var recorder: RecorderOption

    func run() throws {
        try CLI.run(registry: target.registry) {
            let n = try CLI.open(target.registry).importContracts(csv: file, recordedBy: recorder.recordedBy,
                                                                          date: date ?? .today())
            print("recorded \(n) contracts from \(file)")
        }
    }
}

struct ListContracts: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List supply contracts.")

    @OptionGroup var target: RegistryArgument
    @Argument(help: "Only this parcel's.") var parcel: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.run(registry: target.registry) {
            let list = try CLI.open(target.registry, readOnly: true).contracts(parcelID: parcel)
            if output.json { return try CLI.printJSON(list) }
            let rows = list.map { s in
                let c = s.contract
                return [s.parcelID, c.contractNumber, c.holder, c.landPrice.description, c.agreedStart.description,
                        c.actualStart?.description ?? "—", c.stoppedOn?.description ?? "—", c.delayCause?.rawValue ?? "",
                        s.terminatedOn?.description ?? "in force"]
            }
            print(Format.table(["parcel", "contract", "holder", "land price", "agreed start", "started", "stopped", "delay", "ended"],
                               rows, rightAligned: [3]))
        }
    }
}
