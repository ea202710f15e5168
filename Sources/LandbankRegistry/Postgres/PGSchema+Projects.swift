import LandbankLifecycle

extension PGSchema {
    static let projects = """
        CREATE TABLE projects (
          id bigserial PRIMARY KEY,
          project_id \(t) NOT NULL UNIQUE,
          name \(t) NOT NULL,
          investor \(t), industry \(t), team \(t), zone \(t),
          demand \(t) CHECK (demand IS NULL OR jsonb_typeof(demand::jsonb) = 'object'),
          cause \(t) \(oneOf("cause", ShortfallCause.self)),
          stage \(t) \(oneOf("stage", ProjectStage.self)),
          investment_fen bigint, output_fen bigint, tax_fen bigint, jobs bigint,
          floor_space_m2 float8, tenants bigint,
          sign_by \(t), land_by \(t), start_by \(t), production_by \(t), figures_by \(t),
          strategic_emerging integer CHECK (strategic_emerging IN (0, 1)),
          investor_class \(t) \(oneOf("investor_class", InvestorClass.self))
        );
        CREATE INDEX projects_team ON projects (team);
        CREATE TABLE project_events (
          id bigint PRIMARY KEY,
          project_id \(t) NOT NULL REFERENCES projects (project_id),
          event_date \(t) NOT NULL CHECK (event_date \(date)),
          stage \(t) NOT NULL \(oneOf("stage", ProjectStage.self)),
          kind \(t) NOT NULL \(oneOf("kind", ProjectEvent.Kind.self)),
          sites \(t) CHECK (sites IS NULL OR jsonb_typeof(sites::jsonb) = 'array'),
          recorded_by \(t) NOT NULL,
          note \(t),
          corrects bigint REFERENCES project_events (id),
          recorded_at \(t) NOT NULL,
          hash \(t) NOT NULL CHECK (length(hash) = 64),
          changes \(t) CHECK (changes IS NULL OR jsonb_typeof(changes::jsonb) = 'array')
        );
        CREATE INDEX project_events_project ON project_events (project_id, event_date, id);
        CREATE TABLE project_actuals (
          id bigserial PRIMARY KEY,
          project_id \(t) NOT NULL REFERENCES projects (project_id),
          year integer NOT NULL CHECK (year BETWEEN 1 AND 9999),
          investment_fen bigint, output_fen bigint, tax_fen bigint, jobs bigint, tenants bigint,
          floor_space_m2 float8,
          UNIQUE (project_id, year)
        );
        CREATE TABLE project_incentives (
          id bigserial PRIMARY KEY,
          project_id \(t) NOT NULL REFERENCES projects (project_id),
          kind \(t) NOT NULL CHECK (kind IN ('promised', 'paid')),
          amount_fen bigint NOT NULL,
          paid_date \(t) NOT NULL CHECK (paid_date \(date)),
          basis \(t) NOT NULL,
          UNIQUE (project_id, kind, paid_date, amount_fen, basis)
        );
        CREATE TABLE imports (
          id bigserial PRIMARY KEY,
          file \(t) NOT NULL,
          file_sha256 \(t) CHECK (file_sha256 IS NULL OR length(file_sha256) = 64),
          layer \(t) NOT NULL CHECK (layer IN ('parcels', 'buildings')),
          mode \(t) NOT NULL,
          started_at \(t) NOT NULL, finished_at \(t) NOT NULL,
          recorded_by \(t) NOT NULL,
          features bigint NOT NULL, added bigint NOT NULL, updated bigint NOT NULL, unchanged bigint NOT NULL,
          missing bigint NOT NULL, repaired bigint NOT NULL, rejected bigint NOT NULL, flagged bigint NOT NULL,
          outcome \(t) NOT NULL \(oneOf("outcome", ImportRecord.Outcome.allCases.map(\.rawValue))),
          message \(t)
        );
        CREATE TABLE import_issues (
          id bigserial PRIMARY KEY,
          import_id bigint NOT NULL REFERENCES imports (id),
          position bigint, feature_id \(t), field \(t),
          rule \(t) NOT NULL, value \(t),
          action \(t) NOT NULL \(oneOf("action", ImportIssue.Action.allCases.map(\.rawValue))),
          message \(t) NOT NULL, location \(t)
        );
        CREATE INDEX import_issues_by_import ON import_issues (import_id, id);
        """

    /// The append-only tables and the message their triggers refuse with.
    static let appendOnly: [(table: String, message: String)] = [
        ("events", LifecycleSchema.appendOnly), ("geometry_history", LifecycleSchema.appendOnly),
        ("project_events", ProjectMigration.appendOnly),
        ("project_incentives", "landbank incentives are append-only: record a further incentive instead"),
        ("imports", LifecycleSchema.appendOnly), ("import_issues", LifecycleSchema.appendOnly),
    ]

    /// One trigger function, and on each append-only table a row trigger refusing UPDATE and DELETE and a
    /// statement trigger refusing TRUNCATE, whoever issues them (only dropping the trigger, which `verify`
    /// notices, lets them through).
    static var appendOnlyTriggers: String {
        var sql = """
            CREATE FUNCTION landbank_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'P0001'; END $$;

            """
        for (table, message) in appendOnly {
            sql += """
                CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table)
                  FOR EACH ROW EXECUTE FUNCTION landbank_append_only('\(message)');
                CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table)
                  FOR EACH STATEMENT EXECUTE FUNCTION landbank_append_only('\(message)');

                """
        }
        return sql
    }
}
