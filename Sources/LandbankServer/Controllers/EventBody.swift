import LandbankLifecycle
import LandbankRegistry

/// The body of POST /api/parcels/{id}/events: what `landbank record` takes, as JSON. Who records it is the
/// token's name, never a field of the body.
struct EventBody: Decodable, Sendable {
    var date: String
    var status: String
    var disposal_method: String?
    var legal_basis: String?
    /// Money received by the zone, yuan as text or number ("1500000.00").
    var received_yuan: YuanText?
    /// Money paid by the zone, yuan.
    var paid_yuan: YuanText?
    var note: String?

    func event(subject: Subject, by recorder: String) throws -> NewEvent {
        guard let day = CivilDate(date) else { throw APIError(.unprocessableContent, kind: "invalid_input", "date: \"\(date.prefix(40))\" is not a date YYYY-MM-DD") }
        guard let s = ParcelStatus(text: status) else {
            throw APIError(.unprocessableContent, kind: "invalid_input", "status: \"\(status.prefix(40))\" is not a status (\(ParcelStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let method = try disposal_method.map { text in
            guard let m = DisposalMethod(text: text) else {
                throw APIError(.unprocessableContent, kind: "invalid_input", "disposal_method: \"\(text.prefix(40))\" is not a disposal method")
            }
            return m
        }
        if received_yuan != nil && paid_yuan != nil {
            throw APIError(.unprocessableContent, kind: "invalid_input", "give received_yuan or paid_yuan, not both")
        }
        func money(_ key: String, _ given: YuanText?) throws -> Money? {
            guard let text = given?.text else { return nil }
            guard let m = Money(yuan: text), m.fen >= 0 else {
                throw APIError(.unprocessableContent, kind: "invalid_input", "\(key): \"\(text.prefix(40))\" is not an amount of yuan, 0 or more")
            }
            return m
        }
        let amount = try money("received_yuan", received_yuan) ?? (try money("paid_yuan", paid_yuan)).map { Money(fen: -$0.fen) }
        return NewEvent(subject: subject, date: day, status: s, disposalMethod: method, legalBasis: legal_basis, amount: amount,
                        recordedBy: recorder, note: note)
    }
}

/// An amount of yuan given as text ("1500000.00") or as a JSON number; kept as text so that Money reads the
/// decimal digits exactly, with no binary rounding on the way.
struct YuanText: Decodable, Sendable {
    var text: String

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { text = s; return }
        let d = try c.decode(Double.self)
        text = String(format: "%.2f", d)
    }
}
