using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace OpsConsole.Persistence.Migrations;

/// <summary>Who last changed a change request's proposal and when, and when it was last submitted (see ChangeRequest).</summary>
[DbContext(typeof(OpsConsoleDbContext))]
[Migration("20261210000000_ChangeRequestProposalChangeAndSubmission")]
public sealed class ChangeRequestProposalChangeAndSubmission : Migration
{
    // Left null for the requests there are: the page names who changed a proposal only for a change made while it is
    // open (after this), and a draft with a rejection and no submission time shows the rejection, as it did.
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "ProposalChangedBy", table: "ChangeRequests", type: "TEXT", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<long>(name: "ProposalChangedAt", table: "ChangeRequests", type: "INTEGER", nullable: true);
        migrationBuilder.AddColumn<long>(name: "SubmittedAt", table: "ChangeRequests", type: "INTEGER", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "SubmittedAt", table: "ChangeRequests");
        migrationBuilder.DropColumn(name: "ProposalChangedAt", table: "ChangeRequests");
        migrationBuilder.DropColumn(name: "ProposalChangedBy", table: "ChangeRequests");
    }
}
