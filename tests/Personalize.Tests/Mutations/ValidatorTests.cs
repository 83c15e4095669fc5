using Personalize.Common;

namespace Personalize.Tests.Mutations;

/// <summary>A validation message read without its path still says which field, and numbers read as people write
/// them.</summary>
public sealed class ValidatorTests
{
    [Fact]
    public void Messages_name_their_field_and_format_numbers()
    {
        var v = new Validator();
        v.Range("lines[2].quantity", -50m, 0m, 100_000_000m);
        v.Range("weight", 1.5m, 0m, 0.25m);
        v.Fail("title", "is required.");
        v.Fail("channels", "name at least one channel.");
        v.Fail("customerId", "The customer 'C1' was never exposed.");

        Assert.Equal(
            [
                "quantity is -50; it must be between 0 and 100,000,000.",
                "weight is 1.5; it must be between 0 and 0.25.",
                "title is required.",
                "channels: name at least one channel.",
                "The customer 'C1' was never exposed.",
            ],
            v.Errors.Select(e => e.Message)
        );
        Assert.Equal("input.lines[2].quantity", v.Errors[0].Field);
    }
}
