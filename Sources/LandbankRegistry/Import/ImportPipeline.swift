import Foundation
import LandbankGeometry

/// The CPU-heavy half of an import, run on its own thread so that it overlaps SQLite's writing on the other
/// core: read and parse a feature, map its attributes, transform, validate, measure and encode it.
/// Results travel in batches through a bounded queue, so memory stays flat whatever the file's size.
final class ImportPipeline: @unchecked Sendable {
    // @unchecked Sendable: `source`, `processor` and `idField` are handed to the producer thread at start and
    // touched by no other thread afterwards; the queue is the only shared state and it locks itself.

    /// What is imported: parcels, or buildings on parcels already in the registry.
    enum Kind: Sendable { case parcels, buildings }

    enum Attributes {
        case parcel(ParcelAttributes)
        case building(BuildingAttributes)

        var id: String {
            switch self {
            case .parcel(let p): return p.parcelID
            case .building(let b): return b.buildingID
            }
        }
    }

    /// A feature ready to insert, with what was noted about it (a repair, a flagged figure).
    struct Row {
        var attributes: Attributes
        var output: FeatureProcessor.Output
        var position: String
        /// 0-based position in the file.
        var index: Int
        var notes: [ImportIssue]
    }

    enum Item {
        case row(Row)
        /// A feature that cannot be imported: the error its first problem makes, and every problem it has.
        case rejected(ImportError, [ImportIssue])
    }

    enum Batch {
        case items([Item])
        /// The file cannot be read on (broken JSON, a failing read): the import stops here.
        case failed(Error)
    }

    static let batchSize = 256
    let queue = BoundedQueue<Batch>(capacity: 16)
    private let source: FeatureSource
    private let processor: FeatureProcessor
    private let idField: String?
    private let kind: Kind
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)

    init(source: FeatureSource, processor: FeatureProcessor, idField: String?, kind: Kind) {
        self.source = source
        self.processor = processor
        self.idField = idField
        self.kind = kind
    }

    func start() {
        let t = Thread { [self] in
            produce()
            finished.signal()
        }
        t.stackSize = 8 << 20
        thread = t
        t.start()
    }

    /// Stops the producer (if it is still running) and waits for it to end.
    func stop() {
        queue.close()
        if thread != nil { finished.wait() }
        thread = nil
    }

    private func produce() {
        var batch: [Item] = []
        batch.reserveCapacity(Self.batchSize)
        var index = 0
        do {
            while true {
                let item: Item
                do {
                    guard let feature = try source.next() else { break }
                    item = prepare(feature)
                    index = feature.index + 1
                } catch let e as ImportError where e.recoverable {
                    // The reader skipped a feature it could not take; it stands at the next one.
                    let at = Self.index(in: e.position) ?? index
                    item = .rejected(e, [ImportIssue(e, index: at)])
                    index = at + 1
                }
                batch.append(item)
                if batch.count == Self.batchSize {
                    guard queue.push(.items(batch)) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { guard queue.push(.items(batch)) else { return } }
            queue.close()
        } catch {
            if !batch.isEmpty { guard queue.push(.items(batch)) else { return } }
            _ = queue.push(.failed(error))
            queue.close()
        }
    }

    /// The 0-based index in "feature 3" or "row 3 …".
    static func index(in position: String?) -> Int? {
        guard let words = position?.split(separator: " "), words.count > 1, let n = Int(words[1]), n > 0 else { return nil }
        return n - 1
    }

    /// Reads, checks, measures and encodes one feature, listing every problem it has rather than the first.
    private func prepare(_ feature: Feature) -> Item {
        var problems: [FeatureProblem] = []
        let attributes: Attributes = switch kind {
        case .parcels: .parcel(ParcelAttributes(feature, idField: idField, problems: &problems))
        case .buildings: .building(BuildingAttributes(feature, idField: idField, problems: &problems))
        }
        var output: FeatureProcessor.Output?
        if let g = feature.geometry {
            do { output = try processor.process(g) } catch { problems.append(FeatureProblem(error)) }
        } else {
            problems.append(FeatureProblem(.missingGeometry))
        }
        let position = source.position(of: feature)
        let id = attributes.id.isEmpty ? feature.id : attributes.id
        func error(_ p: FeatureProblem) -> ImportError {
            ImportError(file: source.name, position: position, featureID: id, reason: p.reason)
        }
        var issues = problems.map { ImportIssue(error($0), index: feature.index, problem: $0) }
        if let r = output?.repair {
            let change = String(format: "area %.2f → %.2f m² (%@)", r.before, r.after, ImportError.percent(r.change))
            issues.append(ImportIssue(position: feature.index + 1, featureID: id, rule: .invalidPolygon, value: change,
                                      action: .repaired, message: "invalid geometry: \(r.reason); repaired by GEOS MakeValid, \(change)",
                                      location: r.place))
        }
        if let first = problems.first(where: { $0.action == .rejected }) { return .rejected(error(first), issues) }
        guard let output else { preconditionFailure("a feature with no problem has its output") }
        return .row(Row(attributes: attributes, output: output, position: position, index: feature.index, notes: issues))
    }
}
