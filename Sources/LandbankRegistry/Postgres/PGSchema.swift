import LandbankLifecycle

/// The PostgreSQL registry's schema: the GeoPackage store's tables (its migrations 2–11 as they stand today),
/// with geometry as PostGIS `geometry(MultiPolygon, srid)` under a GiST index and B-trees on the filter columns.
/// Text that landbank sorts by is `COLLATE "C"` (byte order, as SQLite sorts), so that both stores list in the
/// same order whatever the database's locale. Areas are columns written by landbank, never `ST_Area`.
enum PGSchema {
    /// Text in byte order.
    static let t = "text COLLATE \"C\""

    static func oneOf<T: RawRepresentable & CaseIterable>(_ column: String, _ type: T.Type) -> String where T.RawValue == String {
        "CHECK (\(column) IN (" + T.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ") + "))"
    }

    static func oneOf(_ column: String, _ values: [String]) -> String {
        "CHECK (\(column) IN (" + values.map { "'\($0)'" }.joined(separator: ", ") + "))"
    }

    static let date = "~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'"

    static func features(srid: Int32) -> String {
        """
        CREATE TABLE parcels (
          fid bigserial PRIMARY KEY,
          geom geometry(MultiPolygon, \(srid)) NOT NULL,
          geom_sha256 \(t) CHECK (geom_sha256 IS NULL OR length(geom_sha256) = 64),
          parcel_id \(t) NOT NULL UNIQUE,
          name \(t), zone \(t), land_use \(t),
          status \(t) \(oneOf("status", ParcelStatus.self)),
          disposal_method \(t) \(oneOf("disposal_method", DisposalMethod.self)),
          cadastral_area_m2 float8, cadastral_area_mu float8,
          ellipsoidal_area_m2 float8 NOT NULL, ellipsoidal_area_mu float8 NOT NULL,
          properties \(t) NOT NULL DEFAULT '{}',
          imported_at \(t) NOT NULL
        );
        CREATE INDEX parcels_geom ON parcels USING gist (geom);
        CREATE INDEX parcels_zone_status ON parcels (zone, status);
        CREATE INDEX parcels_status ON parcels (status);
        CREATE INDEX parcels_land_use ON parcels (land_use);
        CREATE INDEX parcels_cadastral_mu ON parcels (cadastral_area_mu);
        CREATE INDEX parcels_ellipsoidal_mu ON parcels (ellipsoidal_area_mu);
        CREATE TABLE buildings (
          fid bigserial PRIMARY KEY,
          geom geometry(MultiPolygon, \(srid)) NOT NULL,
          geom_sha256 \(t) CHECK (geom_sha256 IS NULL OR length(geom_sha256) = 64),
          building_id \(t) NOT NULL UNIQUE,
          parcel_id \(t) NOT NULL REFERENCES parcels (parcel_id),
          name \(t),
          floor_area_m2 float8 NOT NULL CHECK (floor_area_m2 >= 0),
          storeys integer CHECK (storeys > 0),
          clear_height_m float8, floor_load_kn_m2 float8, power_kva float8, crane_t float8,
          structure \(t) \(oneOf("structure", BuildingStructure.self)),
          year_built integer,
          standard_factory integer NOT NULL DEFAULT 0 CHECK (standard_factory IN (0, 1)),
          vacant_floor_area_m2 float8 CHECK (vacant_floor_area_m2 >= 0 AND vacant_floor_area_m2 <= floor_area_m2),
          rent_yuan_m2_month float8,
          available_from \(t),
          status \(t) \(oneOf("status", ParcelStatus.self)),
          disposal_method \(t) \(oneOf("disposal_method", DisposalMethod.self)),
          footprint_area_m2 float8,
          footprint_ellipsoidal_area_m2 float8 NOT NULL,
          properties \(t) NOT NULL DEFAULT '{}',
          imported_at \(t) NOT NULL
        );
        CREATE INDEX buildings_geom ON buildings USING gist (geom);
        CREATE INDEX buildings_parcel ON buildings (parcel_id);
        CREATE INDEX buildings_vacant ON buildings (vacant_floor_area_m2);
        CREATE INDEX buildings_clear_height ON buildings (clear_height_m);
        CREATE INDEX buildings_floor_load ON buildings (floor_load_kn_m2);
        CREATE INDEX buildings_power ON buildings (power_kva);
        CREATE INDEX buildings_crane ON buildings (crane_t);
        CREATE INDEX buildings_available ON buildings (available_from);
        CREATE INDEX buildings_status ON buildings (status);
        """
    }

    static let history = """
        CREATE TABLE events (
          id bigint PRIMARY KEY,
          subject \(t) NOT NULL \(oneOf("subject", Subject.Kind.self)),
          subject_id \(t) NOT NULL,
          event_date \(t) NOT NULL CHECK (event_date \(date)),
          kind \(t) NOT NULL \(oneOf("kind", EventKind.self)),
          status \(t) \(oneOf("status", ParcelStatus.self)),
          disposal_method \(t) \(oneOf("disposal_method", DisposalMethod.self)),
          legal_basis \(t),
          amount_fen bigint,
          recorded_by \(t) NOT NULL,
          note \(t),
          corrects bigint REFERENCES events (id),
          recorded_at \(t) NOT NULL,
          hash \(t) NOT NULL CHECK (length(hash) = 64)
        );
        CREATE INDEX events_subject ON events (subject, subject_id, event_date, id);
        CREATE TABLE geometry_history (
          id bigint PRIMARY KEY,
          subject \(t) NOT NULL \(oneOf("subject", Subject.Kind.self)),
          subject_id \(t) NOT NULL,
          event_id bigint NOT NULL REFERENCES events (id),
          previous_geom bytea NOT NULL,
          previous_cadastral_area_m2 float8,
          previous_ellipsoidal_area_m2 float8 NOT NULL,
          hash \(t) NOT NULL CHECK (length(hash) = 64)
        );
        CREATE TABLE contracts (
          id bigserial PRIMARY KEY,
          parcel_id \(t) NOT NULL REFERENCES parcels (parcel_id),
          contract_no \(t) NOT NULL,
          holder \(t) NOT NULL,
          land_price_fen bigint NOT NULL CHECK (land_price_fen >= 0),
          agreed_start \(t) NOT NULL CHECK (agreed_start \(date)),
          agreed_completion \(t), actual_start \(t), stopped_on \(t),
          developed_area_m2 float8, total_area_m2 float8,
          investment_made_fen bigint, total_investment_fen bigint,
          delay_cause \(t) \(oneOf("delay_cause", DelayCause.self)),
          delay_note \(t),
          terminated_on \(t),
          UNIQUE (parcel_id, contract_no)
        );
        CREATE TABLE zone_policies (
          zone \(t) PRIMARY KEY,
          policy \(t) NOT NULL CHECK (jsonb_typeof(policy::jsonb) = 'object'),
          updated_at \(t) NOT NULL,
          updated_by \(t) NOT NULL
        );
        CREATE TABLE landbank_tokens (
          id bigserial PRIMARY KEY,
          name \(t) NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
          role \(t) NOT NULL CHECK (role IN ('clerk', 'officer', 'leader', 'public')),
          token_sha256 \(t) NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
          created_at \(t) NOT NULL,
          revoked_at \(t)
        );
        CREATE UNIQUE INDEX landbank_tokens_active_name ON landbank_tokens (name) WHERE revoked_at IS NULL;
        """
}
