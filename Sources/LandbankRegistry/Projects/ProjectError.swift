/// A refused project change, in one line naming the project: no such project, a stage change the transitions
/// refuse, a history out of date order.
public struct ProjectError: Error, CategorizedError, CustomStringConvertible, Sendable {
    public var projectID: String
    public var message: String
    public var category: ErrorCategory

    public init(_ projectID: String, _ message: String, _ category: ErrorCategory = .conflict) {
        self.projectID = projectID
        self.message = message
        self.category = category
    }

    public var description: String { "project \(projectID): \(message)" }
}
