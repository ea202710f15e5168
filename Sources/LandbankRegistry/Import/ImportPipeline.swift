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

    /// A feature ready to insert.
    struct Row {
        var attributes: Attributes
        var output: FeatureProcessor.Output
        var position: String
    }

    enum Batch {
        case rows([Row])
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
        var batch: [Row] = []
        batch.reserveCapacity(Self.batchSize)
        do {
            while let feature = try source.next() {
                batch.append(try prepare(feature))
                if batch.count == Self.batchSize {
                    guard queue.push(.rows(batch)) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { guard queue.push(.rows(batch)) else { return } }
            queue.close()
        } catch {
            if !batch.isEmpty { guard queue.push(.rows(batch)) else { return } }
            _ = queue.push(.failed(error))
            queue.close()
        }
    }

    private func prepare(_ feature: Feature) throws -> Row {
        do throws(ImportError.Reason) {
            let attributes: Attributes = switch kind {
            case .parcels: .parcel(try ParcelAttributes(feature, idField: idField))
            case .buildings: .building(try BuildingAttributes(feature, idField: idField))
            }
            guard let g = feature.geometry else { throw ImportError.Reason.missingGeometry }
            return Row(attributes: attributes, output: try processor.process(g), position: source.position(of: feature))
        } catch {
            throw ImportError(file: source.name, position: source.position(of: feature), featureID: feature.id, reason: error)
        }
    }
}
