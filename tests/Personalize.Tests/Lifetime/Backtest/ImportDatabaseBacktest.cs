using Microsoft.Extensions.DependencyInjection;
using Personalize.Lifetime.Backtest;
using Personalize.Tests.Import;

namespace Personalize.Tests.Lifetime.Backtest;

internal static class ImportDatabaseBacktest
{
    public static ClvBacktest Backtest(this ImportDatabase db) =>
        ActivatorUtilities.CreateInstance<ClvBacktest>(db.Services);
}
