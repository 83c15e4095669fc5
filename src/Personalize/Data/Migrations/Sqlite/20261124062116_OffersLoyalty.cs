using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Personalize.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OffersLoyalty : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MinLoyaltyTier",
                table: "Offers",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LoyaltyEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LoyaltyEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LoyaltyEntries_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LoyaltyEntries_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OfferAssignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OfferId = table.Column<long>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    AssignedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerValue = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    DaysSinceLastOrder = table.Column<int>(type: "INTEGER", nullable: true),
                    RedeemProbability = table.Column<double>(type: "REAL", nullable: false),
                    ExpectedNetValue = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RedeemedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RedeemedOrderId = table.Column<long>(type: "INTEGER", nullable: true),
                    CostCharged = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfferAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OfferAssignments_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OfferAssignments_Offers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "Offers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OfferAssignments_Orders_RedeemedOrderId",
                        column: x => x.RedeemedOrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RedemptionModels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrainedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Examples = table.Column<int>(type: "INTEGER", nullable: false),
                    Redemptions = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldOutExamples = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldOutAuc = table.Column<double>(type: "REAL", nullable: false),
                    Model = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RedemptionModels", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LoyaltyEntries_CustomerId_OccurredAt",
                table: "LoyaltyEntries",
                columns: new[] { "CustomerId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LoyaltyEntries_CustomerId_Reference",
                table: "LoyaltyEntries",
                columns: new[] { "CustomerId", "Reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LoyaltyEntries_OrderId",
                table: "LoyaltyEntries",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_OfferAssignments_Code",
                table: "OfferAssignments",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OfferAssignments_CustomerId_AssignedAt",
                table: "OfferAssignments",
                columns: new[] { "CustomerId", "AssignedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OfferAssignments_CustomerId_OfferId_Round",
                table: "OfferAssignments",
                columns: new[] { "CustomerId", "OfferId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OfferAssignments_OfferId_RedeemedAt",
                table: "OfferAssignments",
                columns: new[] { "OfferId", "RedeemedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OfferAssignments_RedeemedOrderId",
                table: "OfferAssignments",
                column: "RedeemedOrderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LoyaltyEntries");

            migrationBuilder.DropTable(
                name: "OfferAssignments");

            migrationBuilder.DropTable(
                name: "RedemptionModels");

            migrationBuilder.DropColumn(
                name: "MinLoyaltyTier",
                table: "Offers");
        }
    }
}
