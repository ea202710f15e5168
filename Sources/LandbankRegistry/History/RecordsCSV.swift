import Foundation
import LandbankGeometry
import LandbankLifecycle

/// Reads the CSV tables a land bureau keeps beside its maps — lifecycle events and supply contracts — by
/// column name; a bad cell is an error naming the file, line and column.
struct RecordsCSV: RecordCells {
    let reader: CSVReader
    let name: String
    let columns: [String: Int]
    var record: CSVRecord?

    init(path: String, required: [String]) throws {
        name = (path as NSString).lastPathComponent
        do { reader = try CSVReader(path: path) } catch { throw ImportError(file: name, reason: .unreadable(error.description)) }
        columns = Dictionary(reader.header.enumerated().map { ($1.trimmingCharacters(in: .whitespaces).lowercased(), $0) },
                             uniquingKeysWith: { a, _ in a })
        for r in required where columns[r] == nil {
            throw ImportError(file: name, reason: .unreadable("no \"\(r)\" column; needs: \(required.joined(separator: ", "))"))
        }
    }

    mutating func next() throws -> Bool {
        do { record = try reader.next() } catch { throw ImportError(file: name, reason: .unreadable(error.description)) }
        // SQLite would keep only the text before a NUL: refuse it here rather than store part of a cell.
        if let r = record, let i = r.fields.firstIndex(where: { $0.unicodeScalars.contains("\u{0}") }) {
            let column = reader.header.indices.contains(i) ? reader.header[i] : "column \(i + 1)"
            throw fail("column \(DisplayText.quoted(column)) holds a NUL character (\\u0000); landbank keeps text whole or not at all, so remove it")
        }
        return record != nil
    }

    func fail(_ what: String) -> ImportError {
        ImportError(file: name, position: record.map { "row \($0.index + 1)" }, location: record.map { "line \($0.line)" },
                    reason: .badAttribute(what))
    }

    func text(_ c: String) -> String? {
        guard let i = columns[c], let r = record else { return nil }
        let v = r.fields[i].trimmingCharacters(in: .whitespaces)
        return v.isEmpty ? nil : v
    }

    func money(_ c: String) throws -> Money? {
        guard let v = text(c) else { return nil }
        guard let m = Money(yuan: v) else { throw fail("column \"\(c)\": \"\(v)\" is not an amount in yuan with at most 2 decimals") }
        return m
    }

    func number(_ c: String) throws -> Double? {
        guard let v = text(c) else { return nil }
        guard let d = Double(v), d.isFinite else { throw fail("column \"\(c)\": \"\(v)\" is not a number") }
        return d
    }
}

extension Registry {
    /// Appends the events of a CSV file (`parcel_id` or `building_id`, `date`, `status`, `disposal_method`,
    /// `legal_basis`, `amount_yuan`, `recorded_by`, `note`, `corrects`) in one transaction: each is checked as
    /// `record` checks it, and one refusal writes none. Returns the number of events.
    @discardableResult
    public func importEvents(csv path: String, recordedBy defaultRecorder: String? = nil) throws -> Int {
        var csv = try RecordsCSV(path: path, required: ["date"])
        return try store.write { w in
            var n = 0
            while try csv.next() {
                let subject: Subject
                if let p = csv.text("parcel_id") { subject = Subject(.parcel, p) }
                else if let b = csv.text("building_id") { subject = Subject(.building, b) }
                else { throw csv.fail("give the parcel_id or building_id") }
                guard let date = try csv.date("date") else { throw csv.fail("column \"date\" is empty") }
                guard let by = csv.text("recorded_by") ?? defaultRecorder else { throw csv.fail("say who recorded it (recorded_by)") }
                let corrects = try csv.text("corrects").map { t -> Int64 in
                    guard let i = Int64(t) else { throw csv.fail("column \"corrects\": \"\(t)\" is not an event number") }
                    return i
                }
                let e = NewEvent(subject: subject, date: date, status: try csv.parse("status", ParcelStatus.init(text:)),
                                 disposalMethod: try csv.parse("disposal_method", DisposalMethod.init(text:)),
                                 legalBasis: csv.text("legal_basis"), amount: try csv.money("amount_yuan"),
                                 recordedBy: by, note: csv.text("note"), corrects: corrects)
                do {
                    _ = try Self.append(e, kind: corrects == nil ? .status : .correction, in: w)
                } catch let l as LifecycleError {
                    throw csv.fail(l.description)
                }
                n += 1
            }
            return n
        }
    }

    /// Records the supply contracts of a CSV file (columns as `SupplyContract`: contract_no, holder,
    /// land_price_yuan, agreed_start, ...), in one transaction. Returns the number of contracts.
    @discardableResult
    public func importContracts(csv path: String, recordedBy: String, date: CivilDate = .today()) throws -> Int {
        var csv = try RecordsCSV(path: path, required: ["parcel_id", "contract_no", "holder", "land_price_yuan", "agreed_start"])
        return try store.write { w in
            var n = 0
            while try csv.next() {
                guard let price = try csv.money("land_price_yuan") else { throw csv.fail("column \"land_price_yuan\" is empty") }
                guard let start = try csv.date("agreed_start") else { throw csv.fail("column \"agreed_start\" is empty") }
                let c = SupplyContract(
                    contractNumber: try csv.required("contract_no"), holder: try csv.required("holder"), landPrice: price,
                    agreedStart: start, agreedCompletion: try csv.date("agreed_completion"),
                    actualStart: try csv.date("actual_start"), stoppedOn: try csv.date("stopped_on"),
                    developedArea: try csv.number("developed_area_m2"), totalArea: try csv.number("total_area_m2"),
                    investmentMade: try csv.money("investment_made_yuan"), totalInvestment: try csv.money("total_investment_yuan"),
                    delayCause: try csv.parse("delay_cause", DelayCause.init(rawValue:)), delayNote: csv.text("delay_note"))
                do {
                    try Self.setContract(parcelID: try csv.required("parcel_id"), c, recordedBy: recordedBy, date: date, in: w)
                } catch let l as LifecycleError {
                    throw csv.fail(l.description)
                }
                n += 1
            }
            return n
        }
    }

    /// Appends a correction of event `eventID`: what its subject's status should be, and why.
    @discardableResult
    public func correct(eventID: Int64, date: CivilDate, status: ParcelStatus?, disposalMethod: DisposalMethod? = nil,
                        legalBasis: String? = nil, amount: Money? = nil, recordedBy: String, note: String) throws -> HistoryEvent {
        try store.write { w in
            guard let subject = try w.event(id: eventID)?.subject else {
                throw RegistryError(path: path, kind: .notFound, "no event #\(eventID) in the history")
            }
            return try Self.append(NewEvent(subject: subject, date: date, status: status, disposalMethod: disposalMethod,
                                            legalBasis: legalBasis, amount: amount, recordedBy: recordedBy, note: note,
                                            corrects: eventID), kind: .correction, in: w)
        }
    }
}
