using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Experiments;
using Personalize.Offers;
using Personalize.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Personalize.Tests.Experiments;

/// <summary>Experiments through the real HTTP pipeline and a real SQLite file.</summary>
public sealed class ExperimentApiTests(ExperimentApiTests.Store store, ITestOutputHelper output)
    : IClassFixture<ExperimentApiTests.Store>
{
    private const int CustomerCount = 60;

    public sealed class Store : ApiFactory, IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            for (var c = 0; c < CustomerCount; c++)
                await this.CustomerAsync($"x{c:000}", $"x{c}@example.com");
            foreach (var code in new[] { "TEN_OFF", "TWENTY_OFF" })
            {
                var offer = await Services
                    .GetRequiredService<OfferService>()
                    .CreateAsync(
                        new OfferInput(
                            code,
                            code,
                            RewardType: RewardType.PercentOff,
                            RewardValue: code == "TEN_OFF" ? 10 : 20,
                            Cost: 5
                        ),
                        default
                    );
                Assert.True(offer.Succeeded, string.Join("; ", offer.Errors));
            }
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    private const string Create = """
        mutation($input: ExperimentInput!) {
          createExperiment(input: $input) {
            experiment { id status holdoutShare variants { id weight isControl offer { id } } }
            errors { __typename message field }
          }
        }
        """;

    private const string Expose = """
        mutation($experimentId: ID!, $customerId: ID!) {
          recordExposure(input: { experimentId: $experimentId, customerId: $customerId }) {
            experimentAssignment { variant { id } inHoldout exposedAt }
            errors { __typename message field }
          }
        }
        """;

    private const string Convert = """
        mutation($experimentId: ID!, $customerId: ID!, $key: String, $value: Decimal) {
          recordConversion(input: { experimentId: $experimentId, customerId: $customerId, idempotencyKey: $key, value: $value }) {
            experimentConversion { value inHoldout }
            errors { __typename message field }
          }
        }
        """;

    private const string Results = """
        query($id: ID!) {
          experiment(id: $id) {
            status
            results {
              exposures
              arms { variant { id } isHoldout expectedShare exposures conversions conversionRate conversionValue liftVsControl { difference pValue } }
              sampleRatio { chiSquare degreesOfFreedom pValue mismatchDetected }
            }
          }
        }
        """;

    private static object OfferExperiment(string id, double holdout = 0) =>
        new
        {
            input = new
            {
                id,
                name = "Ten or twenty percent",
                subject = "OFFER",
                holdoutShare = holdout,
                variants = new object[]
                {
                    new
                    {
                        id = "control",
                        name = "Ten percent",
                        weight = 1,
                        isControl = true,
                        offer = "TEN_OFF",
                    },
                    new
                    {
                        id = "twenty",
                        name = "Twenty percent",
                        weight = 1,
                        offer = "TWENTY_OFF",
                    },
                },
            },
        };

    private async Task<JsonElement> MutateAsync(string query, object variables, string field)
    {
        var data = await store.DataAsync(query, variables);
        return data.GetProperty(field);
    }

    private async Task CreateAndStartAsync(string id, double holdout = 0)
    {
        var created = await MutateAsync(Create, OfferExperiment(id, holdout), "createExperiment");
        Assert.Equal(0, created.GetProperty("errors").GetArrayLength());
        var started = await store.DataAsync(
            "mutation($id: ID!) { startExperiment(id: $id) { experiment { status startedAt } errors { message } } }",
            new { id }
        );
        Assert.Equal(
            "RUNNING",
            started.GetProperty("startExperiment").GetProperty("experiment").GetProperty("status").GetString()
        );
    }

    [Fact]
    public async Task Invalid_definitions_are_refused_with_the_input_path_at_fault()
    {
        var payload = await MutateAsync(
            Create,
            new
            {
                input = new
                {
                    id = "Not A Slug",
                    name = "x",
                    subject = "OFFER",
                    variants = new object[]
                    {
                        new
                        {
                            id = "a",
                            name = "A",
                            weight = 1,
                        },
                    },
                },
            },
            "createExperiment"
        );
        Assert.Equal("input.id", payload.GetProperty("errors")[0].GetProperty("field").GetString());

        payload = await MutateAsync(
            Create,
            new
            {
                input = new
                {
                    id = "bad-variants",
                    name = "x",
                    subject = "OFFER",
                    holdoutShare = 0.7,
                    variants = new object[]
                    {
                        new
                        {
                            id = "a",
                            name = "A",
                            weight = 0,
                        },
                        new
                        {
                            id = "a",
                            name = "B",
                            weight = 1,
                            offer = "NO_SUCH_OFFER",
                        },
                        new
                        {
                            id = "c",
                            name = "C",
                            weight = 1,
                            contentItem = "some-article",
                        },
                    },
                },
            },
            "createExperiment"
        );
        var errors = payload
            .GetProperty("errors")
            .EnumerateArray()
            .Select(e => (e.GetProperty("__typename").GetString(), e.GetProperty("field").GetString()))
            .ToList();
        Assert.Contains(("ValidationError", "input.holdoutShare"), errors);
        Assert.Contains(("ValidationError", "input.variants"), errors); // no control
        Assert.Contains(("ValidationError", "input.variants[0].weight"), errors);
        Assert.Contains(("ConflictError", "input.variants[1].id"), errors);
        Assert.Contains(("NotFoundError", "input.variants[1].offer"), errors);
        Assert.Contains(("ValidationError", "input.variants[2].contentItem"), errors);
        Assert.True(payload.GetProperty("experiment").ValueKind == JsonValueKind.Null);
        Assert.True(
            (await store.DataAsync("""{ experiment(id: "bad-variants") { id } }""")).GetProperty("experiment").ValueKind
                == JsonValueKind.Null
        );
    }

    [Fact]
    public async Task Exposures_are_logged_only_while_running_and_the_split_is_frozen_once_started()
    {
        var created = await MutateAsync(Create, OfferExperiment("lifecycle"), "createExperiment");
        Assert.Equal("DRAFT", created.GetProperty("experiment").GetProperty("status").GetString());

        var tooEarly = await MutateAsync(
            Expose,
            new { experimentId = "lifecycle", customerId = "x001" },
            "recordExposure"
        );
        Assert.Equal("ConflictError", tooEarly.GetProperty("errors")[0].GetProperty("__typename").GetString());

        var reweighted = await store.DataAsync(
            """
            mutation { updateExperiment(input: { id: "lifecycle", holdoutShare: 0.2 }) { experiment { holdoutShare } errors { message } } }
            """
        );
        Assert.Equal(
            0.2,
            reweighted.GetProperty("updateExperiment").GetProperty("experiment").GetProperty("holdoutShare").GetDouble()
        );

        await store.DataAsync("""mutation { startExperiment(id: "lifecycle") { errors { message } } }""");
        var frozen = await store.DataAsync(
            """
            mutation { updateExperiment(input: { id: "lifecycle", holdoutShare: 0, description: "Which discount wins back lapsed customers?" }) { experiment { description } errors { __typename field } } }
            """
        );
        var error = frozen.GetProperty("updateExperiment").GetProperty("errors")[0];
        Assert.Equal(
            ("ConflictError", "input.holdoutShare"),
            (error.GetProperty("__typename").GetString(), error.GetProperty("field").GetString())
        );

        await store.DataAsync("""mutation { stopExperiment(id: "lifecycle") { errors { message } } }""");
        var afterStop = await MutateAsync(
            Expose,
            new { experimentId = "lifecycle", customerId = "x001" },
            "recordExposure"
        );
        Assert.Equal("ConflictError", afterStop.GetProperty("errors")[0].GetProperty("__typename").GetString());
        var restart = await store.DataAsync(
            """mutation { startExperiment(id: "lifecycle") { errors { __typename } } }"""
        );
        Assert.Equal(
            "ConflictError",
            restart.GetProperty("startExperiment").GetProperty("errors")[0].GetProperty("__typename").GetString()
        );
    }

    [Fact]
    public async Task Every_customer_is_exposed_once_in_the_arm_the_hash_gives_and_results_count_them()
    {
        await CreateAndStartAsync("counting", holdout: 0.2);
        var experiment = (
            await store.Services.GetRequiredService<ExperimentService>().ByKeysAsync(["counting"], default)
        )["counting"];
        var customers = Enumerable.Range(0, 40).Select(c => $"x{c:000}").ToList();

        // Each customer is exposed three times, concurrently: one exposure each is stored.
        var exposures = await Task.WhenAll(
            customers
                .SelectMany(c => Enumerable.Repeat(c, 3))
                .Select(async c =>
                    (
                        Customer: c,
                        Payload: await MutateAsync(
                            Expose,
                            new { experimentId = "counting", customerId = c },
                            "recordExposure"
                        )
                    )
                )
        );
        foreach (var (customer, payload) in exposures)
        {
            Assert.Equal(0, payload.GetProperty("errors").GetArrayLength());
            var variant = payload.GetProperty("experimentAssignment").GetProperty("variant");
            var expected = VariantAssigner.Assign(experiment, customer)?.Key;
            Assert.Equal(
                expected,
                variant.ValueKind == JsonValueKind.Null ? null : variant.GetProperty("id").GetString()
            );
        }

        // Converters: every third exposed customer, with a retry of each conversion.
        var converters = customers.Where((_, i) => i % 3 == 0).ToList();
        foreach (var customer in converters)
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var converted = await MutateAsync(
                    Convert,
                    new
                    {
                        experimentId = "counting",
                        customerId = customer,
                        key = $"order-{customer}",
                        value = 25m,
                    },
                    "recordConversion"
                );
                Assert.Equal(0, converted.GetProperty("errors").GetArrayLength());
            }

        var results = (await store.DataAsync(Results, new { id = "counting" }))
            .GetProperty("experiment")
            .GetProperty("results");
        Assert.Equal(40, results.GetProperty("exposures").GetInt64());
        foreach (var arm in results.GetProperty("arms").EnumerateArray())
        {
            var key = arm.GetProperty("isHoldout").GetBoolean()
                ? null
                : arm.GetProperty("variant").GetProperty("id").GetString();
            var members = customers.Where(c => VariantAssigner.Assign(experiment, c)?.Key == key).ToList();
            var convertedMembers = members.Count(converters.Contains);
            Assert.Equal(members.Count, arm.GetProperty("exposures").GetInt64());
            Assert.Equal(convertedMembers, arm.GetProperty("conversions").GetInt64());
            Assert.Equal(25m * convertedMembers, arm.GetProperty("conversionValue").GetDecimal());
            output.WriteLine($"{key ?? "holdout"}: {members.Count} exposed, {convertedMembers} converted");
        }
        Assert.Equal(2, results.GetProperty("sampleRatio").GetProperty("degreesOfFreedom").GetInt32());
    }

    [Fact]
    public async Task Conversions_need_an_earlier_exposure()
    {
        await CreateAndStartAsync("attribution");
        var unexposed = await MutateAsync(
            Convert,
            new { experimentId = "attribution", customerId = "x050" },
            "recordConversion"
        );
        Assert.Equal(
            ("ValidationError", "input.customerId"),
            (
                unexposed.GetProperty("errors")[0].GetProperty("__typename").GetString(),
                unexposed.GetProperty("errors")[0].GetProperty("field").GetString()
            )
        );

        await MutateAsync(Expose, new { experimentId = "attribution", customerId = "x050" }, "recordExposure");
        var before = await store.DataAsync(
            """
            mutation { recordConversion(input: { experimentId: "attribution", customerId: "x050", convertedAt: "2020-01-01T00:00:00Z" }) { errors { field } } }
            """
        );
        Assert.Equal(
            "input.convertedAt",
            before.GetProperty("recordConversion").GetProperty("errors")[0].GetProperty("field").GetString()
        );

        var unknown = await MutateAsync(
            Convert,
            new { experimentId = "no-such-experiment", customerId = "x050" },
            "recordConversion"
        );
        Assert.Equal("NotFoundError", unknown.GetProperty("errors")[0].GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task Assignments_for_a_page_of_customers_cost_the_same_statements_for_5_or_50()
    {
        await CreateAndStartAsync("page-preview", holdout: 0.1);
        const string page = """
            query($first: Int!) {
              customers(first: $first, order: [{ id: ASC }]) {
                nodes { id experimentAssignment(experimentId: "page-preview") { inHoldout variant { id offer { id } } exposedAt } }
              }
            }
            """;
        async Task<long> StatementsAsync(int first)
        {
            await store.DataAsync(page, new { first }); // warm-up
            var before = store.SqlStatements;
            var data = await store.DataAsync(page, new { first });
            Assert.Equal(first, data.GetProperty("customers").GetProperty("nodes").GetArrayLength());
            return store.SqlStatements - before;
        }

        var forFive = await StatementsAsync(5);
        var forFifty = await StatementsAsync(50);
        output.WriteLine($"SQL statements: {forFive} for 5 customers, {forFifty} for 50.");
        Assert.Equal(forFive, forFifty);
    }
}
