using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Personalize.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ClvScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "AgePeriods",
                table: "Customers",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "AverageOrderValue",
                table: "Customers",
                type: "decimal(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ExpectedAverageOrderValue",
                table: "Customers",
                type: "decimal(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ExpectedPurchases",
                table: "Customers",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "HistoricalClv",
                table: "Customers",
                type: "decimal(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "MonetaryValue",
                table: "Customers",
                type: "decimal(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "PredictedClv",
                table: "Customers",
                type: "decimal(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ProbabilityAlive",
                table: "Customers",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "RecencyPeriods",
                table: "Customers",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RepeatPurchases",
                table: "Customers",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RfmFrequency",
                table: "Customers",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RfmMonetary",
                table: "Customers",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RfmRecency",
                table: "Customers",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RfmScore",
                table: "Customers",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RhythmDueAt",
                table: "Customers",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ScoreSnapshotId",
                table: "Customers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ScoredAt",
                table: "Customers",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ScoresAsOf",
                table: "Customers",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ClvSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AsOf = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    TimeUnit = table.Column<int>(type: "int", nullable: false),
                    CustomerCount = table.Column<int>(type: "int", nullable: false),
                    RepeatCustomerCount = table.Column<int>(type: "int", nullable: false),
                    R = table.Column<double>(type: "float", nullable: false),
                    Alpha = table.Column<double>(type: "float", nullable: false),
                    A = table.Column<double>(type: "float", nullable: false),
                    B = table.Column<double>(type: "float", nullable: false),
                    BgNbdLogLikelihood = table.Column<double>(type: "float", nullable: false),
                    P = table.Column<double>(type: "float", nullable: true),
                    Q = table.Column<double>(type: "float", nullable: true),
                    Gamma = table.Column<double>(type: "float", nullable: true),
                    GammaGammaLogLikelihood = table.Column<double>(type: "float", nullable: true),
                    GammaGammaCustomerCount = table.Column<int>(type: "int", nullable: false),
                    SpendFrequencyCorrelation = table.Column<double>(type: "float", nullable: true),
                    HorizonMonths = table.Column<int>(type: "int", nullable: false),
                    AnnualDiscountRate = table.Column<double>(type: "float", nullable: false),
                    LoyalClvThreshold = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    RfmBoundaries = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    DurationSeconds = table.Column<double>(type: "float", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClvSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StageChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    From = table.Column<int>(type: "int", nullable: true),
                    To = table.Column<int>(type: "int", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StageChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StageChanges_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SnapshotScores",
                columns: table => new
                {
                    SnapshotId = table.Column<long>(type: "bigint", nullable: false),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    RepeatPurchases = table.Column<int>(type: "int", nullable: false),
                    RecencyPeriods = table.Column<double>(type: "float", nullable: false),
                    AgePeriods = table.Column<double>(type: "float", nullable: false),
                    MonetaryValue = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    ProbabilityAlive = table.Column<double>(type: "float", nullable: false),
                    ExpectedPurchases = table.Column<double>(type: "float", nullable: false),
                    PredictedClv = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    HistoricalClv = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    AverageOrderValue = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    ExpectedAverageOrderValue = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    RfmRecency = table.Column<int>(type: "int", nullable: false),
                    RfmFrequency = table.Column<int>(type: "int", nullable: false),
                    RfmMonetary = table.Column<int>(type: "int", nullable: false),
                    RhythmDueAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Stage = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SnapshotScores", x => new { x.SnapshotId, x.CustomerId });
                    table.ForeignKey(
                        name: "FK_SnapshotScores_ClvSnapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "ClvSnapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SnapshotScores_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_HistoricalClv_Id",
                table: "Customers",
                columns: new[] { "HistoricalClv", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_PredictedClv_Id",
                table: "Customers",
                columns: new[] { "PredictedClv", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_ProbabilityAlive_Id",
                table: "Customers",
                columns: new[] { "ProbabilityAlive", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_RfmScore_Id",
                table: "Customers",
                columns: new[] { "RfmScore", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ClvSnapshots_ComputedAt",
                table: "ClvSnapshots",
                column: "ComputedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SnapshotScores_CustomerId",
                table: "SnapshotScores",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_StageChanges_CustomerId_ChangedAt_Id",
                table: "StageChanges",
                columns: new[] { "CustomerId", "ChangedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SnapshotScores");

            migrationBuilder.DropTable(
                name: "StageChanges");

            migrationBuilder.DropTable(
                name: "ClvSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_Customers_HistoricalClv_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_PredictedClv_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_ProbabilityAlive_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_RfmScore_Id",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "AgePeriods",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "AverageOrderValue",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ExpectedAverageOrderValue",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ExpectedPurchases",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "HistoricalClv",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "MonetaryValue",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "PredictedClv",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ProbabilityAlive",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RecencyPeriods",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RepeatPurchases",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RfmFrequency",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RfmMonetary",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RfmRecency",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RfmScore",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RhythmDueAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ScoreSnapshotId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ScoredAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ScoresAsOf",
                table: "Customers");
        }
    }
}
