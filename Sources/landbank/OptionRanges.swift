import ArgumentParser
import LandbankGeometry
import LandbankLifecycle
import LandbankRegistry

/// The ranges numeric options must fall in, checked in each command's `validate()` so that a value out of
/// range is a one-line usage error before anything is opened, never a crash or a silent odd figure.
enum OptionRanges {
    static func count(_ value: Int?, _ option: String) throws {
        if let value, value < 0 { throw ValidationError("\(option) must be 0 or more, not \(value)") }
    }

    /// An area in m²: a finite number, 0 or more.
    static func area(_ value: Double?, _ option: String) throws {
        guard let value else { return }
        guard value.isFinite, value >= 0 else { throw ValidationError("\(option) must be an area in m², 0 or more, not \(value)") }
    }

    /// An amount of yuan that is paid one way, so 0 or more (the direction is in the option's name).
    static func amount(_ value: Money?, _ option: String, hint: String = "") throws {
        if let value, value.fen < 0 { throw ValidationError("\(option) must be 0 or more, not \(value)\(hint)") }
    }

    static func decimals(_ value: Int?) throws {
        guard let value else { return }
        guard (0...ExportOptions.maximumDecimals).contains(value) else {
            throw ValidationError("--decimals must be from 0 to \(ExportOptions.maximumDecimals), not \(value) "
                + "(7 is about 1 cm in lon/lat; 3 is 1 mm in metres)")
        }
    }

    static func year(_ value: Int, _ option: String) throws {
        guard (1900...2200).contains(value) else { throw ValidationError("\(option) must be a year from 1900 to 2200, not \(value)") }
    }

    static func period(from: CivilDate?, to: CivilDate?) throws {
        if let from, let to, to < from { throw ValidationError("--from \(from) is after --to \(to)") }
    }
}

extension OptionRanges {
    /// A building measure (height, load, power, tonnes): a finite number, 0 or more.
    static func measure(_ value: Double?, _ option: String, unit: String) throws {
        guard let value else { return }
        guard value.isFinite, value >= 0 else { throw ValidationError("\(option) must be a number of \(unit), 0 or more, not \(value)") }
    }

    /// Bounds on the cadastral area in mu, each 0 or more and the minimum not above the maximum.
    static func mu(min: Double?, max: Double?) throws {
        for (v, option) in [(min, "--min-mu"), (max, "--max-mu")] {
            if let v, !v.isFinite || v < 0 { throw ValidationError("\(option) must be an area in mu, 0 or more, not \(v)") }
        }
        if let min, let max, min > max { throw ValidationError("--min-mu \(min) is above --max-mu \(max)") }
    }

    static func near(lon: Double, lat: Double, withinKm: Double) throws {
        guard lon.isFinite, (-180...180).contains(lon) else { throw ValidationError("--near: longitude must be from -180 to 180, not \(lon)") }
        guard lat.isFinite, (-90...90).contains(lat) else { throw ValidationError("--near: latitude must be from -90 to 90, not \(lat) (LON,LAT order)") }
        guard withinKm.isFinite, withinKm > 0, withinKm <= 1000 else {
            throw ValidationError("--within-km must be more than 0 and at most 1000, not \(withinKm)")
        }
    }

    static func box(_ value: BoundingBox?) throws {
        guard let b = value else { return }
        guard [b.minX, b.minY, b.maxX, b.maxY].allSatisfy(\.isFinite), b.minX <= b.maxX, b.minY <= b.maxY else {
            throw ValidationError("--bbox must be MINX,MINY,MAXX,MAXY in the registry's CRS with min ≤ max")
        }
    }
}
