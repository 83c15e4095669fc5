using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Personalize.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RecommendationServing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CustomerCandidates",
                columns: table => new
                {
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    ModelVersion = table.Column<long>(type: "bigint", nullable: false),
                    Candidates = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerCandidates", x => x.CustomerId);
                    table.ForeignKey(
                        name: "FK_CustomerCandidates_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Placements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Slug = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    MaxPerKind = table.Column<int>(type: "int", nullable: true),
                    MaxPerTag = table.Column<int>(type: "int", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Placements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecommenderModels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TrainedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AsOf = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CustomerCount = table.Column<int>(type: "int", nullable: false),
                    ItemCount = table.Column<int>(type: "int", nullable: false),
                    SignalCount = table.Column<int>(type: "int", nullable: false),
                    CandidateCustomers = table.Column<int>(type: "int", nullable: false),
                    TrainingGroups = table.Column<int>(type: "int", nullable: false),
                    TrainingRows = table.Column<int>(type: "int", nullable: false),
                    TrainingPositives = table.Column<int>(type: "int", nullable: false),
                    TrainingSeconds = table.Column<double>(type: "float", nullable: false),
                    TotalSeconds = table.Column<double>(type: "float", nullable: false),
                    Model = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    Lists = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecommenderModels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PlacementItems",
                columns: table => new
                {
                    PlacementId = table.Column<long>(type: "bigint", nullable: false),
                    ContentItemId = table.Column<long>(type: "bigint", nullable: false),
                    Rule = table.Column<byte>(type: "tinyint", nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlacementItems", x => new { x.PlacementId, x.ContentItemId });
                    table.ForeignKey(
                        name: "FK_PlacementItems_ContentItems_ContentItemId",
                        column: x => x.ContentItemId,
                        principalTable: "ContentItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PlacementItems_Placements_PlacementId",
                        column: x => x.PlacementId,
                        principalTable: "Placements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlacementItems_ContentItemId",
                table: "PlacementItems",
                column: "ContentItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Placements_Slug",
                table: "Placements",
                column: "Slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerCandidates");

            migrationBuilder.DropTable(
                name: "PlacementItems");

            migrationBuilder.DropTable(
                name: "RecommenderModels");

            migrationBuilder.DropTable(
                name: "Placements");
        }
    }
}
