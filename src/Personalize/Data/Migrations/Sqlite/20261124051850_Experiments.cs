using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Personalize.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Experiments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Experiments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Subject = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    HoldoutShare = table.Column<double>(type: "REAL", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StoppedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Experiments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExperimentVariants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExperimentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Weight = table.Column<int>(type: "INTEGER", nullable: false),
                    IsControl = table.Column<bool>(type: "INTEGER", nullable: false),
                    OfferId = table.Column<long>(type: "INTEGER", nullable: true),
                    ContentItemId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExperimentVariants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExperimentVariants_ContentItems_ContentItemId",
                        column: x => x.ContentItemId,
                        principalTable: "ContentItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ExperimentVariants_Experiments_ExperimentId",
                        column: x => x.ExperimentId,
                        principalTable: "Experiments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ExperimentVariants_Offers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "Offers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ExperimentConversions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExperimentId = table.Column<long>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    VariantId = table.Column<long>(type: "INTEGER", nullable: true),
                    Value = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    ConvertedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExperimentConversions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExperimentConversions_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ExperimentConversions_ExperimentVariants_VariantId",
                        column: x => x.VariantId,
                        principalTable: "ExperimentVariants",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_ExperimentConversions_Experiments_ExperimentId",
                        column: x => x.ExperimentId,
                        principalTable: "Experiments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ExperimentExposures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExperimentId = table.Column<long>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    VariantId = table.Column<long>(type: "INTEGER", nullable: true),
                    ExposedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExperimentExposures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExperimentExposures_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ExperimentExposures_ExperimentVariants_VariantId",
                        column: x => x.VariantId,
                        principalTable: "ExperimentVariants",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_ExperimentExposures_Experiments_ExperimentId",
                        column: x => x.ExperimentId,
                        principalTable: "Experiments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentConversions_CustomerId",
                table: "ExperimentConversions",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentConversions_ExperimentId_IdempotencyKey",
                table: "ExperimentConversions",
                columns: new[] { "ExperimentId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentConversions_ExperimentId_VariantId_CustomerId",
                table: "ExperimentConversions",
                columns: new[] { "ExperimentId", "VariantId", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentConversions_VariantId",
                table: "ExperimentConversions",
                column: "VariantId");

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentExposures_CustomerId",
                table: "ExperimentExposures",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentExposures_ExperimentId_CustomerId",
                table: "ExperimentExposures",
                columns: new[] { "ExperimentId", "CustomerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentExposures_ExperimentId_VariantId",
                table: "ExperimentExposures",
                columns: new[] { "ExperimentId", "VariantId" });

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentExposures_VariantId",
                table: "ExperimentExposures",
                column: "VariantId");

            migrationBuilder.CreateIndex(
                name: "IX_Experiments_Key",
                table: "Experiments",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Experiments_Status_CreatedAt",
                table: "Experiments",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentVariants_ContentItemId",
                table: "ExperimentVariants",
                column: "ContentItemId");

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentVariants_ExperimentId_Key",
                table: "ExperimentVariants",
                columns: new[] { "ExperimentId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentVariants_OfferId",
                table: "ExperimentVariants",
                column: "OfferId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExperimentConversions");

            migrationBuilder.DropTable(
                name: "ExperimentExposures");

            migrationBuilder.DropTable(
                name: "ExperimentVariants");

            migrationBuilder.DropTable(
                name: "Experiments");
        }
    }
}
