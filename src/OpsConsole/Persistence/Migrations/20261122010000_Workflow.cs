using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace OpsConsole.Persistence.Migrations;

/// <summary>Change requests, releases and the audit log. Releases and audit entries are append-only in the database itself.</summary>
[DbContext(typeof(OpsConsoleDbContext))]
[Migration("20261122010000_Workflow")]
public sealed class Workflow : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ChangeRequests",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                Site = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                RollbackOfVersion = table.Column<int>(type: "INTEGER", nullable: true),
                BaseVersion = table.Column<int>(type: "INTEGER", nullable: false),
                State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                ConfigJson = table.Column<string>(type: "TEXT", nullable: false),
                AuthorId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                PublishedVersion = table.Column<int>(type: "INTEGER", nullable: true),
                Revision = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ChangeRequests", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Approval",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ChangeRequestId = table.Column<int>(type: "INTEGER", nullable: false),
                ApproverId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                ApproverName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                At = table.Column<long>(type: "INTEGER", nullable: false),
                AcknowledgedWarnings = table.Column<bool>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Approval", x => x.Id);
                table.ForeignKey("FK_Approval_ChangeRequests_ChangeRequestId", x => x.ChangeRequestId, "ChangeRequests", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ChangeRequestComment",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ChangeRequestId = table.Column<int>(type: "INTEGER", nullable: false),
                Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                AuthorId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                At = table.Column<long>(type: "INTEGER", nullable: false),
                Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ChangeRequestComment", x => x.Id);
                table.ForeignKey("FK_ChangeRequestComment_ChangeRequests_ChangeRequestId", x => x.ChangeRequestId, "ChangeRequests", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ChangeRequestEditor",
            columns: table => new
            {
                ChangeRequestId = table.Column<int>(type: "INTEGER", nullable: false),
                UserId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                UserName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ChangeRequestEditor", x => new { x.ChangeRequestId, x.UserId });
                table.ForeignKey("FK_ChangeRequestEditor_ChangeRequests_ChangeRequestId", x => x.ChangeRequestId, "ChangeRequests", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Releases",
            columns: table => new
            {
                Site = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
                ConfigJson = table.Column<string>(type: "TEXT", nullable: false),
                Hash = table.Column<string>(type: "TEXT", maxLength: 71, nullable: false),
                Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                ChangeRequestId = table.Column<int>(type: "INTEGER", nullable: true),
                AuthorId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Approvers = table.Column<string>(type: "TEXT", nullable: false),
                PublishedById = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                PublishedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                PublishedAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Releases", x => new { x.Site, x.Version }));

        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                At = table.Column<long>(type: "INTEGER", nullable: false),
                ActorId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                ActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Site = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                Details = table.Column<string>(type: "TEXT", nullable: false),
                PreviousHash = table.Column<string>(type: "TEXT", maxLength: 71, nullable: false),
                Hash = table.Column<string>(type: "TEXT", maxLength: 71, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AuditEntries", x => x.Sequence));

        migrationBuilder.CreateIndex("IX_ChangeRequests_Site_State", "ChangeRequests", ["Site", "State"]);
        migrationBuilder.CreateIndex("IX_Approval_ChangeRequestId_ApproverId", "Approval", ["ChangeRequestId", "ApproverId"], unique: true);
        migrationBuilder.CreateIndex("IX_ChangeRequestComment_ChangeRequestId", "ChangeRequestComment", "ChangeRequestId");
        migrationBuilder.CreateIndex("IX_Releases_ChangeRequestId", "Releases", "ChangeRequestId", unique: true);
        migrationBuilder.CreateIndex("IX_AuditEntries_PreviousHash", "AuditEntries", "PreviousHash", unique: true);
        migrationBuilder.CreateIndex("IX_AuditEntries_At", "AuditEntries", "At");

        // Append-only, enforced by the database as well as the code (see SchemaEquivalenceTests and ReleaseImmutabilityTests).
        foreach (var table in new[] { "Releases", "AuditEntries" })
        {
            foreach (var operation in new[] { "UPDATE", "DELETE" })
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_No{operation[0]}{operation[1..].ToLowerInvariant()}" BEFORE {operation} ON "{table}"
                    BEGIN SELECT RAISE(ABORT, '{table} are append-only: {operation} is refused'); END;
                    """);
            }
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "AuditEntries");
        migrationBuilder.DropTable(name: "Releases");
        migrationBuilder.DropTable(name: "ChangeRequestEditor");
        migrationBuilder.DropTable(name: "ChangeRequestComment");
        migrationBuilder.DropTable(name: "Approval");
        migrationBuilder.DropTable(name: "ChangeRequests");
    }
}
