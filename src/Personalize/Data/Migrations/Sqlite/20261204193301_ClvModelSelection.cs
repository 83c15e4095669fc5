using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Personalize.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 20000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "HoldoutDays",
                table: "ClvSnapshots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PurchaseBoundNote",
                table: "ClvSnapshots",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PurchaseModel",
                table: "ClvSnapshots",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PurchaseParameters",
                table: "ClvSnapshots",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SelectionReason",
                table: "ClvSnapshots",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SelectionRule",
                table: "ClvSnapshots",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<double>(
                name: "PurchaseLogLikelihood",
                table: "ClvSnapshots",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            // Snapshots from before model selection were BG/NBD fits: carry their parameters over before the columns go.
            migrationBuilder.Sql(@"UPDATE ClvSnapshots SET PurchaseModel = 'BgNbd', SelectionRule = 'Bic', HoldoutDays = 0,
    SelectionReason = 'BG/NBD, the only purchase model before model selection.',
    PurchaseLogLikelihood = BgNbdLogLikelihood,
    PurchaseParameters = 'r=' || CAST(R AS TEXT) || ';alpha=' || CAST(Alpha AS TEXT) || ';a=' || CAST(A AS TEXT) || ';b=' || CAST(B AS TEXT),
    Candidates = '[{""Kind"":""BgNbd"",""Parameters"":{""r"":' || CAST(R AS TEXT) || ',""alpha"":' || CAST(Alpha AS TEXT) || ',""a"":' || CAST(A AS TEXT) || ',""b"":' || CAST(B AS TEXT)
        || '},""LogLikelihood"":' || CAST(BgNbdLogLikelihood AS TEXT) || ',""Bic"":null,""BoundNote"":null,""Failure"":null,""Backtest"":null}]';");

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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AsOf = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AttemptedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false)
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
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "A",
                table: "ClvSnapshots",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "Alpha",
                table: "ClvSnapshots",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "B",
                table: "ClvSnapshots",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "BgNbdLogLikelihood",
                table: "ClvSnapshots",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);
        }
    }
}
