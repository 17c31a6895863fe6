using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace OpsConsole.Persistence.Migrations;

/// <summary>Consumer API keys (see Api/ApiKey.cs): hashes only, never the keys themselves.</summary>
[DbContext(typeof(OpsConsoleDbContext))]
[Migration("20261122020000_ApiKeys")]
public sealed class ApiKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ApiKeys",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                KeyHash = table.Column<string>(type: "TEXT", maxLength: 71, nullable: false),
                Sites = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                CreatedById = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                CreatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                LastUsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                RevokedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ApiKeys", x => x.Id));

        migrationBuilder.CreateIndex("IX_ApiKeys_KeyHash", "ApiKeys", "KeyHash", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "ApiKeys");
}
