using Microsoft.Extensions.Logging.Abstractions;
using Personalize.Data;

namespace Personalize.Tests.Data;

/// <summary>The group commit's promises: a batch that fails is stored write by write, so only the bad write fails; a
/// gathering commit stores what arrives within its gathering time together, and disposing does not wait it out.</summary>
public sealed class GroupCommitTests
{
    private sealed record Write(int Value, TaskCompletionSource Done);

    [Fact]
    public async Task A_failed_batch_is_stored_one_write_at_a_time_and_only_the_bad_write_fails()
    {
        var stored = new List<int>();
        var batches = new List<int>();
        var release = new TaskCompletionSource();
        var commit = new GroupCommit<Write>(
            async batch =>
            {
                await release.Task; // the first batch waits, so the rest queue up behind it and go together
                batches.Add(batch.Count);
                if (batch.Any(w => w.Value < 0))
                    throw new InvalidOperationException("a bad row");
                stored.AddRange(batch.Select(w => w.Value));
                foreach (var w in batch)
                    w.Done.TrySetResult();
            },
            (w, e) => w.Done.TrySetException(e),
            _ => 1,
            100,
            NullLogger.Instance
        );

        var writes = new[] { 1, 2, -3, 4, 5 }
            .Select(v => new Write(v, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)))
            .ToList();
        foreach (var write in writes)
            commit.Enqueue(write);
        release.SetResult();
        await commit.DisposeAsync();

        Assert.Contains(batches, b => b > 1); // some writes went together, and that batch failed
        Assert.Equal([1, 2, 4, 5], stored.Order());
        Assert.Equal(
            "a bad row",
            (await Assert.ThrowsAsync<InvalidOperationException>(() => writes[2].Done.Task)).Message
        );
        Assert.All(writes.Where(w => w.Value > 0), w => Assert.True(w.Done.Task.IsCompletedSuccessfully));
    }

    [Fact]
    public async Task A_gathering_commit_stores_a_trickle_together_and_disposing_cuts_the_gathering_short()
    {
        var batches = new List<int>();
        var commit = new GroupCommit<int>(
            batch =>
            {
                batches.Add(batch.Count);
                return Task.CompletedTask;
            },
            (_, _) => { },
            _ => 1,
            100,
            NullLogger.Instance,
            TimeSpan.FromHours(1)
        );
        for (var i = 0; i < 20; i++)
            commit.Enqueue(i);
        await commit.DisposeAsync(); // an hour, were the gathering not cut short

        Assert.Equal([20], batches);
    }
}
