using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace OpsConsole.Persistence.Migrations;

/// <summary>Hand-written (no EF design package on the feed); SchemaEquivalenceTests guards it against the model.</summary>
[DbContext(typeof(OpsConsoleDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Sites",
            columns: table => new
            {
                Code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                ApprovalsForRestrictedGoods = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 2),
            },
            constraints: table => table.PrimaryKey("PK_Sites", s => s.Code));

        migrationBuilder.InsertData(
            table: "Sites",
            columns: ["Code", "ApprovalsForRestrictedGoods"],
            columnTypes: ["TEXT", "INTEGER"],
            values: new object[,] { { "HK", 2 }, { "TW", 2 }, { "SG", 2 }, { "MY", 2 } });
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "Sites");
}
