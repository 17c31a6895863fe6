using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace OpsConsole.Persistence.Migrations;

/// <summary>Two API keys in force may not share a name (see ApiKey.ActiveName): the column and its unique index.</summary>
[DbContext(typeof(OpsConsoleDbContext))]
[Migration("20261204200000_ApiKeyActiveNames")]
public sealed class ApiKeyActiveNames : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "ActiveName", table: "ApiKeys", type: "TEXT", maxLength: 100, nullable: true);

        // Keys in force that already share a name stay in force (revoking a consumer's key is an administrator's call):
        // the oldest holds the name, the others none, and the store still refuses that name to a new key, comparing the
        // names themselves. upper() folds ASCII only; the store compares with .NET for the same reason.
        migrationBuilder.Sql("""
            UPDATE ApiKeys SET ActiveName = upper(trim(Name))
            WHERE RevokedAt IS NULL
              AND Id IN (SELECT MIN(Id) FROM ApiKeys WHERE RevokedAt IS NULL GROUP BY upper(trim(Name)));
            """);

        migrationBuilder.CreateIndex("IX_ApiKeys_ActiveName", "ApiKeys", "ActiveName", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_ApiKeys_ActiveName", table: "ApiKeys");
        migrationBuilder.DropColumn(name: "ActiveName", table: "ApiKeys");
    }
}
