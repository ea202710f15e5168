import LandbankLifecycle

/// SQL of migration 3: the buildings feature layer, the append-only history, previous geometries and supply
/// contracts. History rows can be neither updated nor deleted: triggers abort any attempt, whoever makes it.
enum LifecycleSchema {
    static func buildings(srs: Int) -> String {
        """
        CREATE TABLE buildings (
          fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
          geom MULTIPOLYGON NOT NULL,
          building_id TEXT NOT NULL UNIQUE,
          parcel_id TEXT NOT NULL REFERENCES parcels(parcel_id),
          name TEXT,
          floor_area_m2 REAL NOT NULL CHECK (floor_area_m2 >= 0),
          storeys INTEGER CHECK (storeys > 0),
          clear_height_m REAL, floor_load_kn_m2 REAL, power_kva REAL, crane_t REAL,
          structure TEXT \(Check.oneOf("structure", BuildingStructure.self)),
          year_built INTEGER,
          standard_factory INTEGER NOT NULL DEFAULT 0 CHECK (standard_factory IN (0, 1)),
          vacant_floor_area_m2 REAL CHECK (vacant_floor_area_m2 >= 0 AND vacant_floor_area_m2 <= floor_area_m2),
          rent_yuan_m2_month REAL,
          available_from TEXT,
          status TEXT \(Check.oneOf("status", ParcelStatus.self)),
          disposal_method TEXT \(Check.oneOf("disposal_method", DisposalMethod.self)),
          footprint_area_m2 REAL,
          footprint_ellipsoidal_area_m2 REAL NOT NULL,
          properties TEXT NOT NULL DEFAULT '{}',
          imported_at TEXT NOT NULL
        );
        CREATE INDEX buildings_parcel ON buildings(parcel_id);
        INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
        VALUES ('buildings', 'features', 'buildings', 'Factory buildings on the parcels (footprints)', \(srs));
        INSERT INTO gpkg_geometry_columns VALUES ('buildings', 'geom', 'MULTIPOLYGON', \(srs), 0, 0);
        """
    }

    static let appendOnly = "landbank history is append-only: record a correcting event instead"

    /// Triggers that abort any UPDATE or DELETE on `table`, whoever issues it.
    static func appendOnlyTriggers(_ table: String) -> String {
        """
        CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table) BEGIN SELECT RAISE(ABORT, '\(appendOnly)'); END;
        CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table) BEGIN SELECT RAISE(ABORT, '\(appendOnly)'); END;
        """
    }

    static let history = """
        CREATE TABLE events (
          id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
          subject TEXT NOT NULL \(Check.oneOf("subject", Subject.Kind.self)),
          subject_id TEXT NOT NULL,
          event_date TEXT NOT NULL CHECK (event_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
          kind TEXT NOT NULL \(Check.oneOf("kind", EventKind.self)),
          status TEXT \(Check.oneOf("status", ParcelStatus.self)),
          disposal_method TEXT \(Check.oneOf("disposal_method", DisposalMethod.self)),
          legal_basis TEXT,
          amount_fen INTEGER,
          recorded_by TEXT NOT NULL,
          note TEXT,
          corrects INTEGER REFERENCES events(id),
          recorded_at TEXT NOT NULL
        );
        CREATE INDEX events_subject ON events(subject, subject_id, event_date, id);
        \(appendOnlyTriggers("events"))
        INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
        VALUES ('events', 'attributes', 'events', 'Lifecycle history of parcels and buildings (append-only)');

        CREATE TABLE geometry_history (
          id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
          subject TEXT NOT NULL \(Check.oneOf("subject", Subject.Kind.self)),
          subject_id TEXT NOT NULL,
          event_id INTEGER NOT NULL REFERENCES events(id),
          previous_geom BLOB NOT NULL,
          previous_cadastral_area_m2 REAL,
          previous_ellipsoidal_area_m2 REAL NOT NULL
        );
        \(appendOnlyTriggers("geometry_history"))
        INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
        VALUES ('geometry_history', 'attributes', 'geometry_history', 'Geometries replaced by edits (GeoPackage blobs)');

        CREATE TABLE contracts (
          id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
          parcel_id TEXT NOT NULL REFERENCES parcels(parcel_id),
          contract_no TEXT NOT NULL,
          holder TEXT NOT NULL,
          land_price_fen INTEGER NOT NULL CHECK (land_price_fen >= 0),
          agreed_start TEXT NOT NULL,
          agreed_completion TEXT,
          actual_start TEXT,
          stopped_on TEXT,
          developed_area_m2 REAL,
          total_area_m2 REAL,
          investment_made_fen INTEGER,
          total_investment_fen INTEGER,
          delay_cause TEXT \(Check.oneOf("delay_cause", DelayCause.self)),
          delay_note TEXT,
          terminated_on TEXT,
          UNIQUE (parcel_id, contract_no)
        );
        INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
        VALUES ('contracts', 'attributes', 'contracts', 'Land supply contracts (出让合同)');
        """
}
