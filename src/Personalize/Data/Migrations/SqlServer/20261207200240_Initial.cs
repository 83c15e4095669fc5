using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Personalize.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Prefix = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Scopes = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Action = table.Column<int>(type: "int", nullable: false),
                    CustomerId = table.Column<long>(type: "bigint", nullable: true),
                    SubjectHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Actor = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Details = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

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
                    PurchaseModel = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    PurchaseParameters = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    PurchaseLogLikelihood = table.Column<double>(type: "float", nullable: false),
                    PurchaseBoundNote = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    SelectionRule = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    SelectionReason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    HoldoutDays = table.Column<int>(type: "int", nullable: false),
                    Candidates = table.Column<string>(type: "nvarchar(max)", maxLength: 20000, nullable: false),
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
                name: "ContentItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Slug = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Title = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Url = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    ImageUrl = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    TargetStages = table.Column<int>(type: "int", nullable: false),
                    Channels = table.Column<int>(type: "int", nullable: false),
                    Locale = table.Column<string>(type: "nvarchar(35)", maxLength: 35, nullable: true),
                    PublishFrom = table.Column<DateTime>(type: "datetime2", nullable: true),
                    PublishUntil = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Customers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ExternalId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Email = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Country = table.Column<string>(type: "nvarchar(2)", maxLength: 2, nullable: true),
                    Locale = table.Column<string>(type: "nvarchar(35)", maxLength: 35, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ConsentPersonalization = table.Column<bool>(type: "bit", nullable: false),
                    ConsentEmailMarketing = table.Column<bool>(type: "bit", nullable: false),
                    AcquisitionChannel = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    AcquisitionCampaign = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    ErasedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    OrderCount = table.Column<int>(type: "int", nullable: false),
                    TotalSpent = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    FirstOrderAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastOrderAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Stage = table.Column<int>(type: "int", nullable: false),
                    StageChangedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ScoreSnapshotId = table.Column<long>(type: "bigint", nullable: true),
                    ScoresAsOf = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ScoredAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RepeatPurchases = table.Column<int>(type: "int", nullable: true),
                    RecencyPeriods = table.Column<double>(type: "float", nullable: true),
                    AgePeriods = table.Column<double>(type: "float", nullable: true),
                    MonetaryValue = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    ProbabilityAlive = table.Column<double>(type: "float", nullable: true),
                    ExpectedPurchases = table.Column<double>(type: "float", nullable: true),
                    PredictedClv = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    HistoricalClv = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    AverageOrderValue = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    ExpectedAverageOrderValue = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    RfmRecency = table.Column<int>(type: "int", nullable: true),
                    RfmFrequency = table.Column<int>(type: "int", nullable: true),
                    RfmMonetary = table.Column<int>(type: "int", nullable: true),
                    RfmScore = table.Column<int>(type: "int", nullable: true),
                    RhythmDueAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AnnouncedTier = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    EventSequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Customers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Experiments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Key = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Subject = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    HoldoutShare = table.Column<double>(type: "float", nullable: false),
                    AttributionWindowDays = table.Column<int>(type: "int", nullable: false),
                    Allocation = table.Column<int>(type: "int", nullable: false),
                    BurnInExposures = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    StoppedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Experiments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MarketingSpend",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Channel = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Month = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketingSpend", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Offers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Code = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    RewardType = table.Column<int>(type: "int", nullable: false),
                    RewardValue = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Cost = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    EligibleStages = table.Column<int>(type: "int", nullable: false),
                    MinClv = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    MaxClv = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    MinLoyaltyTier = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    Channels = table.Column<int>(type: "int", nullable: false),
                    ValidFrom = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ValidUntil = table.Column<DateTime>(type: "datetime2", nullable: true),
                    TotalBudget = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    BudgetSpent = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    PerCustomerCap = table.Column<int>(type: "int", nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Offers", x => x.Id);
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
                    Lists = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    Selected = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SelectionReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Selection = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecommenderModels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RedemptionModels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TrainedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Examples = table.Column<int>(type: "int", nullable: false),
                    Redemptions = table.Column<int>(type: "int", nullable: false),
                    HeldOutExamples = table.Column<int>(type: "int", nullable: false),
                    HeldOutAuc = table.Column<double>(type: "float", nullable: false),
                    Model = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RedemptionModels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Segments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Slug = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    RuleJson = table.Column<string>(type: "nvarchar(max)", maxLength: -1, nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Tracked = table.Column<bool>(type: "bit", nullable: false),
                    ReentryCooldownHours = table.Column<int>(type: "int", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Segments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContentTags",
                columns: table => new
                {
                    ContentItemId = table.Column<long>(type: "bigint", nullable: false),
                    Tag = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentTags", x => new { x.ContentItemId, x.Tag });
                    table.ForeignKey(
                        name: "FK_ContentTags_ContentItems_ContentItemId",
                        column: x => x.ContentItemId,
                        principalTable: "ContentItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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
                name: "CustomerEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EventId = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Type = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Data = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    DedupeKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomerEvents_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Interactions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    ContentItemId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Weight = table.Column<double>(type: "float", nullable: true),
                    IdempotencyKey = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interactions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Interactions_ContentItems_ContentItemId",
                        column: x => x.ContentItemId,
                        principalTable: "ContentItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Interactions_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Orders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Source = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ExternalId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    OrderedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    Margin = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Orders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Orders_Customers_CustomerId",
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
                name: "SurveyResponses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Score = table.Column<int>(type: "int", nullable: false),
                    Comment = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    RespondedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyResponses_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ExperimentVariants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ExperimentId = table.Column<long>(type: "bigint", nullable: false),
                    Key = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Weight = table.Column<int>(type: "int", nullable: false),
                    IsControl = table.Column<bool>(type: "bit", nullable: false),
                    OfferId = table.Column<long>(type: "bigint", nullable: true),
                    ContentItemId = table.Column<long>(type: "bigint", nullable: true)
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
                name: "OfferCountries",
                columns: table => new
                {
                    OfferId = table.Column<long>(type: "bigint", nullable: false),
                    Country = table.Column<string>(type: "nvarchar(2)", maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfferCountries", x => new { x.OfferId, x.Country });
                    table.ForeignKey(
                        name: "FK_OfferCountries_Offers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "Offers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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

            migrationBuilder.CreateTable(
                name: "ContentItemTargetSegments",
                columns: table => new
                {
                    ContentItemId = table.Column<long>(type: "bigint", nullable: false),
                    TargetSegmentsId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentItemTargetSegments", x => new { x.ContentItemId, x.TargetSegmentsId });
                    table.ForeignKey(
                        name: "FK_ContentItemTargetSegments_ContentItems_ContentItemId",
                        column: x => x.ContentItemId,
                        principalTable: "ContentItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContentItemTargetSegments_Segments_TargetSegmentsId",
                        column: x => x.TargetSegmentsId,
                        principalTable: "Segments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OfferEligibleSegments",
                columns: table => new
                {
                    EligibleSegmentsId = table.Column<long>(type: "bigint", nullable: false),
                    OfferId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfferEligibleSegments", x => new { x.EligibleSegmentsId, x.OfferId });
                    table.ForeignKey(
                        name: "FK_OfferEligibleSegments_Offers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "Offers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OfferEligibleSegments_Segments_EligibleSegmentsId",
                        column: x => x.EligibleSegmentsId,
                        principalTable: "Segments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SegmentMembers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SegmentId = table.Column<long>(type: "bigint", nullable: false),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LeftAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SegmentMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SegmentMembers_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SegmentMembers_Segments_SegmentId",
                        column: x => x.SegmentId,
                        principalTable: "Segments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WebhookEndpoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Url = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    EventTypes = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Stages = table.Column<int>(type: "int", nullable: false),
                    SegmentId = table.Column<long>(type: "bigint", nullable: true),
                    Secret = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    PreviousSecret = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    PreviousSecretExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    MaxConcurrency = table.Column<int>(type: "int", nullable: false),
                    MaxPerSecond = table.Column<int>(type: "int", nullable: false),
                    Enabled = table.Column<bool>(type: "bit", nullable: false),
                    FannedOutTo = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookEndpoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebhookEndpoints_Segments_SegmentId",
                        column: x => x.SegmentId,
                        principalTable: "Segments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "LoyaltyEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Points = table.Column<int>(type: "int", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    OrderId = table.Column<long>(type: "bigint", nullable: true),
                    Reference = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Code = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    OfferId = table.Column<long>(type: "bigint", nullable: false),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    Round = table.Column<int>(type: "int", nullable: false),
                    Channel = table.Column<int>(type: "int", nullable: false),
                    AssignedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Stage = table.Column<int>(type: "int", nullable: false),
                    CustomerValue = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    DaysSinceLastOrder = table.Column<int>(type: "int", nullable: true),
                    RedeemProbability = table.Column<double>(type: "float", nullable: false),
                    ExpectedNetValue = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    RedeemedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RedeemedOrderId = table.Column<long>(type: "bigint", nullable: true),
                    CostCharged = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true)
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
                name: "OrderLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrderId = table.Column<long>(type: "bigint", nullable: false),
                    ProductId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    ProductName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Quantity = table.Column<int>(type: "int", nullable: false),
                    UnitPrice = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrderLines_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ExperimentConversions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ExperimentId = table.Column<long>(type: "bigint", nullable: false),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    VariantId = table.Column<long>(type: "bigint", nullable: true),
                    Value = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    ConvertedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ExperimentId = table.Column<long>(type: "bigint", nullable: false),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    VariantId = table.Column<long>(type: "bigint", nullable: true),
                    ExposedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "WebhookDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EndpointId = table.Column<long>(type: "bigint", nullable: false),
                    EventId = table.Column<long>(type: "bigint", nullable: false),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LeaseToken = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastStatusCode = table.Column<int>(type: "int", nullable: true),
                    LastError = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    LastAttemptAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DeliveredAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebhookDeliveries_CustomerEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "CustomerEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WebhookDeliveries_WebhookEndpoints_EndpointId",
                        column: x => x.EndpointId,
                        principalTable: "WebhookEndpoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_Hash",
                table: "ApiKeys",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_Name",
                table: "ApiKeys",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_CustomerId_Id",
                table: "AuditEntries",
                columns: new[] { "CustomerId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SubjectHash_Action",
                table: "AuditEntries",
                columns: new[] { "SubjectHash", "Action" });

            migrationBuilder.CreateIndex(
                name: "IX_ClvRecomputeFailures_AttemptedAt",
                table: "ClvRecomputeFailures",
                column: "AttemptedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ClvSnapshots_ComputedAt",
                table: "ClvSnapshots",
                column: "ComputedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_CreatedAt_Id",
                table: "ContentItems",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_Kind_Id",
                table: "ContentItems",
                columns: new[] { "Kind", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_Locale_Id",
                table: "ContentItems",
                columns: new[] { "Locale", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_PublishFrom_Id",
                table: "ContentItems",
                columns: new[] { "PublishFrom", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_Slug",
                table: "ContentItems",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_Status_Id",
                table: "ContentItems",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_Title_Id",
                table: "ContentItems",
                columns: new[] { "Title", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_UpdatedAt_Id",
                table: "ContentItems",
                columns: new[] { "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentItemTargetSegments_TargetSegmentsId",
                table: "ContentItemTargetSegments",
                column: "TargetSegmentsId");

            migrationBuilder.CreateIndex(
                name: "IX_ContentTags_Tag",
                table: "ContentTags",
                column: "Tag");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerEvents_CustomerId_Sequence",
                table: "CustomerEvents",
                columns: new[] { "CustomerId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerEvents_DedupeKey",
                table: "CustomerEvents",
                column: "DedupeKey",
                unique: true,
                filter: "[DedupeKey] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerEvents_EventId",
                table: "CustomerEvents",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Country_Id",
                table: "Customers",
                columns: new[] { "Country", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_CreatedAt_Id",
                table: "Customers",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Email_Id",
                table: "Customers",
                columns: new[] { "Email", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_ExternalId",
                table: "Customers",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Customers_FirstOrderAt_AcquisitionChannel_PredictedClv",
                table: "Customers",
                columns: new[] { "FirstOrderAt", "AcquisitionChannel", "PredictedClv" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_HistoricalClv_Id",
                table: "Customers",
                columns: new[] { "HistoricalClv", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_LastOrderAt_Id",
                table: "Customers",
                columns: new[] { "LastOrderAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Name_Id",
                table: "Customers",
                columns: new[] { "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_OrderCount_Id",
                table: "Customers",
                columns: new[] { "OrderCount", "Id" });

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
                name: "IX_Customers_Stage_Id",
                table: "Customers",
                columns: new[] { "Stage", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_TotalSpent_Id",
                table: "Customers",
                columns: new[] { "TotalSpent", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentConversions_CustomerId",
                table: "ExperimentConversions",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentConversions_ExperimentId_IdempotencyKey",
                table: "ExperimentConversions",
                columns: new[] { "ExperimentId", "IdempotencyKey" },
                unique: true,
                filter: "[IdempotencyKey] IS NOT NULL");

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

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_ContentItemId_OccurredAt",
                table: "Interactions",
                columns: new[] { "ContentItemId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_CustomerId_OccurredAt",
                table: "Interactions",
                columns: new[] { "CustomerId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_IdempotencyKey",
                table: "Interactions",
                column: "IdempotencyKey",
                unique: true,
                filter: "[IdempotencyKey] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_OccurredAt",
                table: "Interactions",
                column: "OccurredAt");

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
                name: "IX_MarketingSpend_Channel_Month",
                table: "MarketingSpend",
                columns: new[] { "Channel", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MarketingSpend_Month",
                table: "MarketingSpend",
                column: "Month");

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

            migrationBuilder.CreateIndex(
                name: "IX_OfferEligibleSegments_OfferId",
                table: "OfferEligibleSegments",
                column: "OfferId");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_Code",
                table: "Offers",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Offers_Cost_Id",
                table: "Offers",
                columns: new[] { "Cost", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Offers_CreatedAt_Id",
                table: "Offers",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Offers_RewardType_Id",
                table: "Offers",
                columns: new[] { "RewardType", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Offers_Status_Id",
                table: "Offers",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Offers_Title_Id",
                table: "Offers",
                columns: new[] { "Title", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Offers_ValidFrom_Id",
                table: "Offers",
                columns: new[] { "ValidFrom", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Offers_ValidUntil_Id",
                table: "Offers",
                columns: new[] { "ValidUntil", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_OrderLines_OrderId",
                table: "OrderLines",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_OrderLines_ProductId",
                table: "OrderLines",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_CustomerId_OrderedAt_Id_Amount_Margin",
                table: "Orders",
                columns: new[] { "CustomerId", "OrderedAt", "Id", "Amount", "Margin" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_OrderedAt_Id_CustomerId_Amount_Margin",
                table: "Orders",
                columns: new[] { "OrderedAt", "Id", "CustomerId", "Amount", "Margin" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Source_ExternalId",
                table: "Orders",
                columns: new[] { "Source", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlacementItems_ContentItemId",
                table: "PlacementItems",
                column: "ContentItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Placements_Slug",
                table: "Placements",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SegmentMembers_CustomerId",
                table: "SegmentMembers",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_SegmentMembers_SegmentId_CustomerId_LeftAt",
                table: "SegmentMembers",
                columns: new[] { "SegmentId", "CustomerId", "LeftAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Segments_CreatedAt_Id",
                table: "Segments",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Segments_Name_Id",
                table: "Segments",
                columns: new[] { "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Segments_Slug",
                table: "Segments",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Segments_Status_Id",
                table: "Segments",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SnapshotScores_CustomerId",
                table: "SnapshotScores",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_StageChanges_ChangedAt_From_To",
                table: "StageChanges",
                columns: new[] { "ChangedAt", "From", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_StageChanges_CustomerId_ChangedAt_Id",
                table: "StageChanges",
                columns: new[] { "CustomerId", "ChangedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_CustomerId_Kind_RespondedAt",
                table: "SurveyResponses",
                columns: new[] { "CustomerId", "Kind", "RespondedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_IdempotencyKey",
                table: "SurveyResponses",
                column: "IdempotencyKey",
                unique: true,
                filter: "[IdempotencyKey] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_Kind_RespondedAt",
                table: "SurveyResponses",
                columns: new[] { "Kind", "RespondedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_EndpointId_CustomerId_Status_EventId",
                table: "WebhookDeliveries",
                columns: new[] { "EndpointId", "CustomerId", "Status", "EventId" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_EndpointId_EventId",
                table: "WebhookDeliveries",
                columns: new[] { "EndpointId", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_EndpointId_Status_NextAttemptAt",
                table: "WebhookDeliveries",
                columns: new[] { "EndpointId", "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_EventId",
                table: "WebhookDeliveries",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_LeaseToken",
                table: "WebhookDeliveries",
                column: "LeaseToken");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookEndpoints_SegmentId",
                table: "WebhookEndpoints",
                column: "SegmentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "ClvRecomputeFailures");

            migrationBuilder.DropTable(
                name: "ContentItemTargetSegments");

            migrationBuilder.DropTable(
                name: "ContentTags");

            migrationBuilder.DropTable(
                name: "CustomerCandidates");

            migrationBuilder.DropTable(
                name: "ExperimentConversions");

            migrationBuilder.DropTable(
                name: "ExperimentExposures");

            migrationBuilder.DropTable(
                name: "Interactions");

            migrationBuilder.DropTable(
                name: "LoyaltyEntries");

            migrationBuilder.DropTable(
                name: "MarketingSpend");

            migrationBuilder.DropTable(
                name: "OfferAssignments");

            migrationBuilder.DropTable(
                name: "OfferCountries");

            migrationBuilder.DropTable(
                name: "OfferEligibleSegments");

            migrationBuilder.DropTable(
                name: "OrderLines");

            migrationBuilder.DropTable(
                name: "PlacementItems");

            migrationBuilder.DropTable(
                name: "RecommenderModels");

            migrationBuilder.DropTable(
                name: "RedemptionModels");

            migrationBuilder.DropTable(
                name: "SegmentMembers");

            migrationBuilder.DropTable(
                name: "SnapshotScores");

            migrationBuilder.DropTable(
                name: "StageChanges");

            migrationBuilder.DropTable(
                name: "SurveyResponses");

            migrationBuilder.DropTable(
                name: "WebhookDeliveries");

            migrationBuilder.DropTable(
                name: "ExperimentVariants");

            migrationBuilder.DropTable(
                name: "Orders");

            migrationBuilder.DropTable(
                name: "Placements");

            migrationBuilder.DropTable(
                name: "ClvSnapshots");

            migrationBuilder.DropTable(
                name: "CustomerEvents");

            migrationBuilder.DropTable(
                name: "WebhookEndpoints");

            migrationBuilder.DropTable(
                name: "ContentItems");

            migrationBuilder.DropTable(
                name: "Experiments");

            migrationBuilder.DropTable(
                name: "Offers");

            migrationBuilder.DropTable(
                name: "Customers");

            migrationBuilder.DropTable(
                name: "Segments");
        }
    }
}
