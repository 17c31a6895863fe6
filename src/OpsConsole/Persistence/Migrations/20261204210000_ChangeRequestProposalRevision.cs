using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace OpsConsole.Persistence.Migrations;

/// <summary>The revision of a change request's last write other than an approval (see ChangeRequest.ProposalRevision).</summary>
[DbContext(typeof(OpsConsoleDbContext))]
[Migration("20261204210000_ChangeRequestProposalRevision")]
public sealed class ChangeRequestProposalRevision : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "ProposalRevision", table: "ChangeRequests", type: "INTEGER", nullable: false, defaultValue: 0);

        // Which of the earlier writes were approvals is not stored: an approval naming a revision older than the current
        // one is a conflict for requests that existed before, as it was.
        migrationBuilder.Sql("UPDATE ChangeRequests SET ProposalRevision = Revision;");
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "ProposalRevision", table: "ChangeRequests");
}
