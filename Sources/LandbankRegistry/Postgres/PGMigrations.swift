import LandbankLifecycle

/// The PostgreSQL registry's schema, built by numbered migrations recorded in `landbank_migrations`, each run
/// once, in order, inside the writer's transaction. New migrations go at the END of `all`.
enum PGMigrations {
    static let all: [(name: String, sql: @Sendable (Int32) -> String)] = [
        ("v1-registry", { srid in PGSchema.features(srid: srid) + PGSchema.history + PGSchema.projects + PGSchema.appendOnlyTriggers }),
        ("v2-efficiency", { srid in PGSchema.efficiency(srid: srid) }),
        // The history's kinds as `EventKind` has them now (`inefficient`, `inefficient_lifted` and `attributes`
        // came after v1): the column's CHECK replaced; every row is checked against it, none is changed.
        ("v3-event-kinds", { _ in
            "ALTER TABLE events DROP CONSTRAINT IF EXISTS events_kind_check; "
                + "ALTER TABLE events ADD CONSTRAINT events_kind_check \(PGSchema.oneOf("kind", EventKind.self));"
        }),
    ]

    static let table = """
        CREATE TABLE IF NOT EXISTS landbank_migrations (name text PRIMARY KEY, applied_at text NOT NULL)
        """

    /// Whether migrations remain to run.
    static func pending(_ c: PGConnection) throws -> Bool {
        let done = Set(try c.query("SELECT name FROM landbank_migrations").rows.compactMap { $0["name"] as String? })
        return all.contains { !done.contains($0.name) }
    }

    /// Runs the migrations not yet recorded (the caller holds the writer's lock, in a transaction).
    static func migrate(_ c: PGConnection, srid: Int32) throws {
        try c.execute(table)
        let done = Set(try c.query("SELECT name FROM landbank_migrations").rows.compactMap { $0["name"] as String? })
        for m in all where !done.contains(m.name) {
            try c.execute(m.sql(srid))
            try c.query("INSERT INTO landbank_migrations (name, applied_at) VALUES ($1, $2)", [m.name, HistoryChain.now()])
        }
    }
}
