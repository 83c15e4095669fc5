using Personalize.Access;
using Personalize.Data;

namespace Personalize.Api.Commands;

/// <summary>`keys create --name N --scopes a,b` (prints the key once), `keys list`, `keys revoke
/// NAME|PREFIX`.</summary>
public sealed class KeysCommand : ICommand
{
    public string Name => "keys";
    public string Usage =>
        "keys create --name N --scopes storefront,email | keys list | keys revoke NAME|PREFIX    manage API keys";

    public async Task<int> RunAsync(
        CommandInvocation invocation,
        IServiceProvider services,
        CancellationToken cancellationToken
    )
    {
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var store = services.GetRequiredService<ApiKeyStore>();
        var positional = invocation.Positional("name", "scopes");
        switch (positional.FirstOrDefault())
        {
            case "create":
                var scopes = Scopes.Parse(invocation.Option("scopes"), out var unknown);
                if (invocation.Option("name") is not { } name || scopes.Count == 0 || unknown.Count > 0)
                {
                    Console.Error.WriteLine($"Usage: {Usage}");
                    Console.Error.WriteLine(
                        "Scopes: "
                            + $"{string.Join(", ", Scopes.All)}{(unknown.Count > 0 ? $" (unknown: {string.Join(", ", unknown)})" : "")}."
                    );
                    return 2;
                }
                try
                {
                    var (key, info) = await store.CreateAsync(name, scopes, cancellationToken);
                    Console.WriteLine(key);
                    Console.Error.WriteLine(
                        $"Created key '{info.Name}' ({info.Prefix}…) with scopes "
                            + $"{string.Join(", ", info.Scopes)}. "
                            + "The key is shown only now: only its SHA-256 is stored."
                    );
                    return 0;
                }
                catch (ArgumentException e)
                {
                    Console.Error.WriteLine(e.Message.Split(" (Parameter")[0]);
                    return 1;
                }
            case "list":
                var keys = await store.ListAsync(cancellationToken);
                foreach (var k in keys)
                    Console.WriteLine(
                        $"{k.Prefix}…  {k.Name, -30} {string.Join(",", k.Scopes), -30} created "
                            + $"{k.CreatedAt:yyyy-MM-dd HH:mm}Z{(k.RevokedAt is { } r ? $"  revoked {r:yyyy-MM-dd HH:mm}Z" : "")}"
                    );
                Console.WriteLine($"{keys.Count} keys, {keys.Count(k => k.RevokedAt is null)} active.");
                return 0;
            case "revoke" when positional.Count == 2:
                var revoked = await store.RevokeAsync(positional[1], cancellationToken);
                Console.WriteLine(
                    $"Revoked {revoked} key(s) named or starting '{positional[1]}' (callers holding it "
                        + "are refused within Access:KeyCacheSeconds)."
                );
                return revoked > 0 ? 0 : 1;
            default:
                Console.Error.WriteLine($"Usage: {Usage}");
                return 2;
        }
    }
}
