/// Removing a registry from a database, for `Registry.copy` only: a target it created and could not fill.
extension PostGISStore {
    /// Drops every table of the registry (and the trigger function) in one transaction. PostGIS stays.
    static func drop(at location: String) throws {
        let url = PGURL(location)
        do {
            try PGPool(url).write { c in
                try c.execute("""
                    DROP TABLE IF EXISTS import_issues, imports, project_incentives, project_actuals, project_events, projects,
                      landbank_tokens, zone_policies, contracts, geometry_history, events, buildings, parcels,
                      landbank_migrations, landbank_settings CASCADE;
                    DROP FUNCTION IF EXISTS landbank_append_only() CASCADE;
                    """)
            }
        } catch let e as PGError { throw e.registryError }
    }
}
