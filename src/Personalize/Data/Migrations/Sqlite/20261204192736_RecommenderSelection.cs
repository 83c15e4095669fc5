using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Personalize.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecommenderSelection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Selected",
                table: "RecommenderModels",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<byte[]>(
                name: "Selection",
                table: "RecommenderModels",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<string>(
                name: "SelectionReason",
                table: "RecommenderModels",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Selected",
                table: "RecommenderModels");

            migrationBuilder.DropColumn(
                name: "Selection",
                table: "RecommenderModels");

            migrationBuilder.DropColumn(
                name: "SelectionReason",
                table: "RecommenderModels");
        }
    }
}
