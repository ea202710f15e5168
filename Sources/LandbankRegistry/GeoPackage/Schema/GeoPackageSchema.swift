/// SQL of the OGC GeoPackage 1.3.0 core (OGC 12-128r17) and its R*Tree spatial index extension.
enum GeoPackageSchema {
    /// "GPKG" as a big-endian 32-bit integer.
    static let applicationID: Int32 = 0x4750_4B47
    static let userVersion = 10300

    /// WGS 84 as GDAL writes it into `gpkg_spatial_ref_sys`; the spec requires this row.
    static let wgs84WKT = #"GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]"#

    static let core = """
        CREATE TABLE gpkg_spatial_ref_sys (
          srs_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL PRIMARY KEY,
          organization TEXT NOT NULL,
          organization_coordsys_id INTEGER NOT NULL,
          definition TEXT NOT NULL,
          description TEXT
        );
        CREATE TABLE gpkg_contents (
          table_name TEXT NOT NULL PRIMARY KEY,
          data_type TEXT NOT NULL,
          identifier TEXT UNIQUE,
          description TEXT DEFAULT '',
          last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
          srs_id INTEGER,
          CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
        );
        CREATE TABLE gpkg_geometry_columns (
          table_name TEXT NOT NULL,
          column_name TEXT NOT NULL,
          geometry_type_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL,
          z TINYINT NOT NULL,
          m TINYINT NOT NULL,
          CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
          CONSTRAINT uk_gc_table_name UNIQUE (table_name),
          CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
          CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
        );
        CREATE TABLE gpkg_extensions (
          table_name TEXT,
          column_name TEXT,
          extension_name TEXT NOT NULL,
          definition TEXT NOT NULL,
          scope TEXT NOT NULL,
          CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
        );
        INSERT INTO gpkg_spatial_ref_sys VALUES
          ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
          ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
        """

    /// The triggers of the R*Tree extension (GeoPackage 1.3, Annex F.3), for `table`.`column` keyed by `fid`.
    static func rtreeTriggers(table t: String, column c: String, id i: String = "fid") -> [String] {
        let r = "rtree_\(t)_\(c)"
        let values = rtreeValues(row: "NEW", column: c, id: i)
        return [
            """
            CREATE TRIGGER \(r)_insert AFTER INSERT ON \(t)
            WHEN (new.\(c) NOT NULL AND NOT ST_IsEmpty(NEW.\(c)))
            BEGIN INSERT OR REPLACE INTO \(r) VALUES (\(values)); END
            """,
            """
            CREATE TRIGGER \(r)_update1 AFTER UPDATE OF \(c) ON \(t)
            WHEN OLD.\(i) = NEW.\(i) AND (NEW.\(c) NOTNULL AND NOT ST_IsEmpty(NEW.\(c)))
            BEGIN INSERT OR REPLACE INTO \(r) VALUES (\(values)); END
            """,
            """
            CREATE TRIGGER \(r)_update2 AFTER UPDATE OF \(c) ON \(t)
            WHEN OLD.\(i) = NEW.\(i) AND (NEW.\(c) ISNULL OR ST_IsEmpty(NEW.\(c)))
            BEGIN DELETE FROM \(r) WHERE id = OLD.\(i); END
            """,
            """
            CREATE TRIGGER \(r)_update3 AFTER UPDATE ON \(t)
            WHEN OLD.\(i) != NEW.\(i) AND (NEW.\(c) NOTNULL AND NOT ST_IsEmpty(NEW.\(c)))
            BEGIN DELETE FROM \(r) WHERE id = OLD.\(i); INSERT OR REPLACE INTO \(r) VALUES (\(values)); END
            """,
            """
            CREATE TRIGGER \(r)_update4 AFTER UPDATE ON \(t)
            WHEN OLD.\(i) != NEW.\(i) AND (NEW.\(c) ISNULL OR ST_IsEmpty(NEW.\(c)))
            BEGIN DELETE FROM \(r) WHERE id IN (OLD.\(i), NEW.\(i)); END
            """,
            """
            CREATE TRIGGER \(r)_delete AFTER DELETE ON \(t)
            WHEN old.\(c) NOT NULL
            BEGIN DELETE FROM \(r) WHERE id = OLD.\(i); END
            """,
        ]
    }

    /// The R*Tree's values for the row named `row` (`NEW` in a trigger, the table's alias in a fill).
    static func rtreeValues(row: String, column c: String = "geom", id i: String = "fid") -> String {
        "\(row).\(i), ST_MinX(\(row).\(c)), ST_MaxX(\(row).\(c)), ST_MinY(\(row).\(c)), ST_MaxY(\(row).\(c))"
    }

    static func rtreeTable(table t: String, column c: String) -> String {
        "CREATE VIRTUAL TABLE rtree_\(t)_\(c) USING rtree(id, minx, maxx, miny, maxy)"
    }

    static func rtreeExtension(table t: String, column c: String) -> String {
        """
        INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
        VALUES ('\(t)', '\(c)', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')
        """
    }
}
