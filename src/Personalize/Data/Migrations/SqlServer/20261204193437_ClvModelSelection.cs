using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Personalize.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ClvModelSelection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Candidates",
                table: "ClvSnapshots",
                type: "nvarchar(max)",
                maxLength: 20000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "HoldoutDays",
                table: "ClvSnapshots",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PurchaseBoundNote",
                table: "ClvSnapshots",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PurchaseModel",
                table: "ClvSnapshots",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PurchaseParameters",
                table: "ClvSnapshots",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SelectionReason",
                table: "ClvSnapshots",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SelectionRule",
                table: "ClvSnapshots",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<double>(
                name: "PurchaseLogLikelihood",
                table: "ClvSnapshots",
                type: "float",
                nullable: false,
                defaultValue: 0.0);

            // Snapshots from before model selection were BG/NBD fits: carry their parameters over before the columns go.
            migrationBuilder.Sql(@"UPDATE ClvSnapshots SET PurchaseModel = 'BgNbd', SelectionRule = 'Bic', HoldoutDays = 0,
    SelectionReason = 'BG/NBD, the only purchase model before model selection.',
    PurchaseLogLikelihood = BgNbdLogLikelihood,
    PurchaseParameters = CONCAT('r=', CONVERT(varchar(32), R, 3), ';alpha=', CONVERT(varchar(32), Alpha, 3), ';a=', CONVERT(varchar(32), A, 3), ';b=', CONVERT(varchar(32), B, 3)),
    Candidates = CONCAT('[{""Kind"":""BgNbd"",""Parameters"":{""r"":', CONVERT(varchar(32), R, 3), ',""alpha"":', CONVERT(varchar(32), Alpha, 3), ',""a"":', CONVERT(varchar(32), A, 3), ',""b"":', CONVERT(varchar(32), B, 3),
        '},""LogLikelihood"":', CONVERT(varchar(32), BgNbdLogLikelihood, 3), ',""Bic"":null,""BoundNote"":null,""Failure"":null,""Backtest"":null}]');");

            migrationBuilder.DropColumn(
                name: "A",
                table: "ClvSnapshots");

            migrationBuilder.DropColumn(
                name: "Alpha",
                table: "ClvSnapshots");

            migrationBuilder.DropColumn(
                name: "B",
                table: "ClvSnapshots");

            migrationBuilder.DropColumn(
                name: "BgNbdLogLikelihood",
                table: "ClvSnapshots");

            migrationBuilder.DropColumn(
                name: "R",
                table: "ClvSnapshots");

            migrationBuilder.CreateTable(
                name: "ClvRecomputeFailures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AsOf = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AttemptedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(max)", maxLength: 20000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClvRecomputeFailures", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClvRecomputeFailures_AttemptedAt",
                table: "ClvRecomputeFailures",
                column: "AttemptedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClvRecomputeFailures");

            migrationBuilder.DropColumn(
                name: "Candidates",
                table: "ClvSnapshots");

            migrationBuilder.DropColumn(
                name: "HoldoutDays",
                table: "ClvSnapshots");

            migrationBuilder.DropColumn(
                name: "PurchaseBoundNote",
                table: "ClvSnapshots");

            migrationBuilder.DropColumn(
                name: "PurchaseModel",
                table: "ClvSnapshots");

            migrationBuilder.DropColumn(
                name: "PurchaseParameters",
                table: "ClvSnapshots");

            migrationBuilder.DropColumn(
                name: "SelectionReason",
                table: "ClvSnapshots");

            migrationBuilder.DropColumn(
                name: "SelectionRule",
                table: "ClvSnapshots");

            migrationBuilder.DropColumn(
                name: "PurchaseLogLikelihood",
                table: "ClvSnapshots");

            migrationBuilder.AddColumn<double>(
                name: "R",
                table: "ClvSnapshots",
                type: "float",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "A",
                table: "ClvSnapshots",
                type: "float",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "Alpha",
                table: "ClvSnapshots",
                type: "float",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "B",
                table: "ClvSnapshots",
                type: "float",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "BgNbdLogLikelihood",
                table: "ClvSnapshots",
                type: "float",
                nullable: false,
                defaultValue: 0.0);
        }
    }
}
