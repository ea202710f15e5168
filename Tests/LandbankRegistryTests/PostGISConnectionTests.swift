import Foundation
import Testing
@testable import LandbankRegistry

@Suite("PostgreSQL URLs and connections")
struct PostGISURLTests {
    @Test("a URL's password is redacted, in the authority or as a parameter")
    func redaction() {
        #expect(PGURL("postgresql://clerk:s3cr3t@db.example/landbank").redacted == "postgresql://clerk:***@db.example/landbank")
        #expect(PGURL("postgres://clerk:p%40ss@db/landbank?sslmode=require").redacted == "postgres://clerk:***@db/landbank?sslmode=require")
        #expect(PGURL("postgresql://db/landbank?user=a&password=s3cr3t&x=1").redacted == "postgresql://db/landbank?user=a&password=***&x=1")
        #expect(PGURL("postgresql://clerk@db/landbank").redacted == "postgresql://clerk@db/landbank")
        #expect(PGURL("postgresql://clerk:p%40ss@db/x").scrub("FATAL: p@ss and p%40ss") == "FATAL: *** and ***")
        #expect(PGURL.isPostgres("POSTGRESQL://x/y") && PGURL.isPostgres("postgres://x/y") && !PGURL.isPostgres("zone.gpkg"))
        #expect(Registry.displayName("postgresql://a:b@h/d") == "postgresql://a:***@h/d" && Registry.displayName("z.gpkg") == "z.gpkg")
    }

    @Test("a password in the URL never appears in an error: no server, no database, no registry", needsPostgres)
    func passwordNeverShown() throws {
        let base = try #require(testPGURL)
        let withPassword = base.replacingOccurrences(of: "://postgres@", with: "://postgres:Sup3rSecretPw@")
        #expect(withPassword.contains("Sup3rSecretPw"))
        let noDatabase = database(withPassword, "no_such_db_\(UInt32.random(in: 0...UInt32.max))")
        let noServer = "postgresql://postgres:Sup3rSecretPw@127.0.0.1:1/landbank?connect_timeout=2"
        let emptyDatabase = database(withPassword, String(try freshDatabase().split(separator: "/").last!))
        for url in [noDatabase, noServer, emptyDatabase] {
            do {
                _ = try Registry.open(at: url)
                Issue.record("opened \(url)")
            } catch {
                let text = "\(error)"
                #expect(!text.contains("Sup3rSecretPw"), "\(text)")
                #expect(text.contains("postgres:***@"), "\(text)")
                #expect(error is RegistryError)
            }
        }
        #expect { _ = try Registry.open(at: noDatabase) } throws: { ($0 as? RegistryError)?.kind == .notARegistry }
        #expect { _ = try Registry.open(at: noServer) } throws: { ($0 as? RegistryError)?.kind == .io }
        #expect { _ = try Registry.open(at: emptyDatabase) } throws: { ($0 as? RegistryError)?.kind == .notARegistry }
        // Creating twice: a conflict-like refusal that names the database without its password.
        _ = try Registry.create(at: emptyDatabase, crs: "EPSG:4547")
        #expect { _ = try Registry.create(at: emptyDatabase, crs: "EPSG:4547") } throws: { !"\($0)".contains("Sup3rSecretPw") }
    }
}
