using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Personalize.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Scopes = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: true),
                    SubjectHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

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

            migrationBuilder.CreateTable(
                name: "ClvSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AsOf = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TimeUnit = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RepeatCustomerCount = table.Column<int>(type: "INTEGER", nullable: false),
                    PurchaseModel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PurchaseParameters = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    PurchaseLogLikelihood = table.Column<double>(type: "REAL", nullable: false),
                    PurchaseBoundNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SelectionRule = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SelectionReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    HoldoutDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Candidates = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    P = table.Column<double>(type: "REAL", nullable: true),
                    Q = table.Column<double>(type: "REAL", nullable: true),
                    Gamma = table.Column<double>(type: "REAL", nullable: true),
                    GammaGammaLogLikelihood = table.Column<double>(type: "REAL", nullable: true),
                    GammaGammaCustomerCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SpendFrequencyCorrelation = table.Column<double>(type: "REAL", nullable: true),
                    HorizonMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    AnnualDiscountRate = table.Column<double>(type: "REAL", nullable: false),
                    LoyalClvThreshold = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    RfmBoundaries = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DurationSeconds = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClvSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContentItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ImageUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    TargetStages = table.Column<int>(type: "INTEGER", nullable: false),
                    Channels = table.Column<int>(type: "INTEGER", nullable: false),
                    Locale = table.Column<string>(type: "TEXT", maxLength: 35, nullable: true),
                    PublishFrom = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Customers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    Locale = table.Column<string>(type: "TEXT", maxLength: 35, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConsentPersonalization = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentEmailMarketing = table.Column<bool>(type: "INTEGER", nullable: false),
                    AcquisitionChannel = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AcquisitionCampaign = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ErasedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OrderCount = table.Column<int>(type: "INTEGER", nullable: false),
                    TotalSpent = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    FirstOrderAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastOrderAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    StageChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ScoreSnapshotId = table.Column<long>(type: "INTEGER", nullable: true),
                    ScoresAsOf = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ScoredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RepeatPurchases = table.Column<int>(type: "INTEGER", nullable: true),
                    RecencyPeriods = table.Column<double>(type: "REAL", nullable: true),
                    AgePeriods = table.Column<double>(type: "REAL", nullable: true),
                    MonetaryValue = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: true),
                    ProbabilityAlive = table.Column<double>(type: "REAL", nullable: true),
                    ExpectedPurchases = table.Column<double>(type: "REAL", nullable: true),
                    PredictedClv = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: true),
                    HistoricalClv = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: true),
                    AverageOrderValue = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: true),
                    ExpectedAverageOrderValue = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: true),
                    RfmRecency = table.Column<int>(type: "INTEGER", nullable: true),
                    RfmFrequency = table.Column<int>(type: "INTEGER", nullable: true),
                    RfmMonetary = table.Column<int>(type: "INTEGER", nullable: true),
                    RfmScore = table.Column<int>(type: "INTEGER", nullable: true),
                    RhythmDueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AnnouncedTier = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    EventSequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Customers", x => x.Id);
                });

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
                    AttributionWindowDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Allocation = table.Column<int>(type: "INTEGER", nullable: false),
                    BurnInExposures = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StoppedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Experiments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MarketingSpend",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Month = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Amount = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketingSpend", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Offers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RewardType = table.Column<int>(type: "INTEGER", nullable: false),
                    RewardValue = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    Cost = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    EligibleStages = table.Column<int>(type: "INTEGER", nullable: false),
                    MinClv = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: true),
                    MaxClv = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: true),
                    MinLoyaltyTier = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Channels = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ValidUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TotalBudget = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: true),
                    BudgetSpent = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    PerCustomerCap = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Offers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Placements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    MaxPerKind = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxPerTag = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Placements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecommenderModels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrainedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AsOf = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CustomerCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SignalCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CandidateCustomers = table.Column<int>(type: "INTEGER", nullable: false),
                    TrainingGroups = table.Column<int>(type: "INTEGER", nullable: false),
                    TrainingRows = table.Column<int>(type: "INTEGER", nullable: false),
                    TrainingPositives = table.Column<int>(type: "INTEGER", nullable: false),
                    TrainingSeconds = table.Column<double>(type: "REAL", nullable: false),
                    TotalSeconds = table.Column<double>(type: "REAL", nullable: false),
                    Model = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Lists = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Selected = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SelectionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Selection = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecommenderModels", x => x.Id);
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

            migrationBuilder.CreateTable(
                name: "Segments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RuleJson = table.Column<string>(type: "TEXT", maxLength: -1, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Tracked = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReentryCooldownHours = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Segments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContentTags",
                columns: table => new
                {
                    ContentItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
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
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    ModelVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    Candidates = table.Column<byte[]>(type: "BLOB", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Data = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    DedupeKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Weight = table.Column<double>(type: "REAL", nullable: true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    OrderedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Amount = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Margin = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    SnapshotId = table.Column<long>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    RepeatPurchases = table.Column<int>(type: "INTEGER", nullable: false),
                    RecencyPeriods = table.Column<double>(type: "REAL", nullable: false),
                    AgePeriods = table.Column<double>(type: "REAL", nullable: false),
                    MonetaryValue = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    ProbabilityAlive = table.Column<double>(type: "REAL", nullable: false),
                    ExpectedPurchases = table.Column<double>(type: "REAL", nullable: false),
                    PredictedClv = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    HistoricalClv = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    AverageOrderValue = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    ExpectedAverageOrderValue = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    RfmRecency = table.Column<int>(type: "INTEGER", nullable: false),
                    RfmFrequency = table.Column<int>(type: "INTEGER", nullable: false),
                    RfmMonetary = table.Column<int>(type: "INTEGER", nullable: false),
                    RhythmDueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    From = table.Column<int>(type: "INTEGER", nullable: true),
                    To = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RespondedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
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
                name: "OfferCountries",
                columns: table => new
                {
                    OfferId = table.Column<long>(type: "INTEGER", nullable: false),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false)
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
                    PlacementId = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    Rule = table.Column<byte>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
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
                    ContentItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    TargetSegmentsId = table.Column<long>(type: "INTEGER", nullable: false)
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
                    EligibleSegmentsId = table.Column<long>(type: "INTEGER", nullable: false),
                    OfferId = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SegmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LeftAt = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    EventTypes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Stages = table.Column<int>(type: "INTEGER", nullable: false),
                    SegmentId = table.Column<long>(type: "INTEGER", nullable: true),
                    Secret = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PreviousSecret = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PreviousSecretExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MaxConcurrency = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxPerSecond = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    FannedOutTo = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                name: "OrderLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProductId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ProductName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitPrice = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false)
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

            migrationBuilder.CreateTable(
                name: "WebhookDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EndpointId = table.Column<long>(type: "INTEGER", nullable: false),
                    EventId = table.Column<long>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LeaseToken = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastStatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    LastAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeliveredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                unique: true);

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
                unique: true);

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
                unique: true);

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
