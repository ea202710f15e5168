import LandbankLifecycle

/// Migration 2 of the PostgreSQL registry: enterprise figures, approval batches and the inefficient-land list's
/// disposal plans (the GeoPackage's migration 12). The history's new event kinds need nothing here: `events`
/// checks its kinds against `EventKind` as the registry is made.
extension PGSchema {
    static func efficiency(srid: Int32) -> String {
        """
        CREATE TABLE enterprise_figures (
          id bigserial PRIMARY KEY,
          year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
          enterprise_id \(t) NOT NULL,
          name text,
          parcel_id \(t) NOT NULL,
          floor_space_m2 double precision CHECK (floor_space_m2 IS NULL OR floor_space_m2 > 0),
          tax_fen bigint, value_added_fen bigint, sales_fen bigint, rd_fen bigint, investment_fen bigint,
          energy_tce double precision, emissions_t double precision, employees integer,
          safety_incidents integer, environment_incidents integer,
          major_safety_incidents integer, major_environment_incidents integer,
          recorded_by text NOT NULL,
          recorded_at text NOT NULL,
          UNIQUE (year, enterprise_id, parcel_id)
        );
        CREATE INDEX enterprise_figures_parcel ON enterprise_figures(parcel_id, year);

        CREATE TABLE approval_batches (
          fid bigserial PRIMARY KEY,
          geom geometry(MultiPolygon, \(srid)) NOT NULL,
          approval_no \(t) NOT NULL UNIQUE,
          name text,
          kind text NOT NULL \(oneOf("kind", ApprovalBatch.Kind.self)),
          approved_on text NOT NULL CHECK (approved_on \(date)),
          zone \(t),
          declared_area_mu double precision,
          cadastral_area_m2 double precision,
          ellipsoidal_area_m2 double precision NOT NULL,
          recorded_by text NOT NULL,
          recorded_at text NOT NULL
        );

        CREATE TABLE inefficiency_plans (
          id bigserial PRIMARY KEY,
          parcel_id \(t) NOT NULL,
          method text NOT NULL \(oneOf("method", DisposalMethod.self)),
          planned_for text NOT NULL CHECK (planned_for \(date)),
          note text,
          recorded_by text NOT NULL,
          recorded_at text NOT NULL
        );
        CREATE TRIGGER inefficiency_plans_append_only BEFORE UPDATE OR DELETE ON inefficiency_plans
          FOR EACH ROW EXECUTE FUNCTION landbank_append_only('landbank disposal plans are append-only: record a further plan instead');
        CREATE TRIGGER inefficiency_plans_no_truncate BEFORE TRUNCATE ON inefficiency_plans
          FOR EACH STATEMENT EXECUTE FUNCTION landbank_append_only('landbank disposal plans are append-only: record a further plan instead');

        """
    }
}
