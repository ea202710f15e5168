import ArgumentParser
import LandbankLifecycle
import LandbankRegistry

struct ProjectStageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stage", abstract: "Record a project's stage change (or, with --correct, put a wrong one right).",
        discussion: """
            Forward along lead → following → negotiating → evaluating → decided → signed → building → producing, \
            skipping steps if need be; then met_agreement (from producing), never_landed, in_breach, terminated. \
            Going backwards, or leaving an end, needs --correct and a --note saying what was wrong.
            """)

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The project's id.") var id: String
    @Argument(help: "The new stage.") var stage: ProjectStage
    @Option(help: "The date of the change (default today).") var date: CivilDate?
    @Flag(help: "A correction: the stage recorded before was wrong.") var correct = false
    @Option(help: "The event the correction puts right (#id).") var corrects: Int64?
    @Option(help: "Why (required with --correct).") var note: String?
    @OptionGroup var recorder: RecorderOption

    func run() throws {
        try CLI.run(registry: target.registry) {
            let e = try CLI.open(target.registry).recordStage(NewProjectEvent(
                projectID: id, date: date ?? .today(), stage: stage, recordedBy: recorder.recordedBy, note: note,
                isCorrection: correct, corrects: corrects))
            print("project \(id): \(e.isCorrection ? "corrected to" : "now") \(ProjectText.stage(e.stage)) on \(e.date) (event #\(e.id))")
        }
    }
}
