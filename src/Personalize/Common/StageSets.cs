namespace Personalize.Common;

public static class StageSets
{
    public static LifecycleStageSet From(IEnumerable<LifecycleStage> stages) =>
        stages.Aggregate(LifecycleStageSet.None, (set, s) => set | (LifecycleStageSet)(1 << (int)s));

    public static IReadOnlyList<LifecycleStage> ToList(LifecycleStageSet set) =>
        Enum.GetValues<LifecycleStage>().Where(s => set.HasFlag((LifecycleStageSet)(1 << (int)s))).ToList();

    /// <summary>Whether a targeting set admits a stage; the empty set admits every stage.</summary>
    public static bool Admits(this LifecycleStageSet set, LifecycleStage stage) =>
        set == LifecycleStageSet.None || set.HasFlag((LifecycleStageSet)(1 << (int)stage));
}
