using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace OpsConsole.Persistence.Migrations;

/// <summary>Sign-outs kept across restarts until the sign-in would have run out (see Auth/EndedSignInStore.cs).</summary>
[DbContext(typeof(OpsConsoleDbContext))]
[Migration("20261210010000_EndedSignIns")]
public sealed class EndedSignIns : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "EndedSignIns",
            columns: table => new
            {
                IdHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                RunsOutAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_EndedSignIns", x => x.IdHash));

        migrationBuilder.CreateIndex("IX_EndedSignIns_RunsOutAt", "EndedSignIns", "RunsOutAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "EndedSignIns");
}
