namespace Personalize.Lifecycle;

public enum LifecycleStage { Prospect, New, Active, AtRisk, Lapsed, Loyal }

/// <summary>A set of lifecycle stages, stored as a bit mask so "targets stage X" is a SQL bit test.</summary>
[Flags]
public enum LifecycleStageSet
{
    None = 0,
    Prospect = 1 << LifecycleStage.Prospect,
    New = 1 << LifecycleStage.New,
    Active = 1 << LifecycleStage.Active,
    AtRisk = 1 << LifecycleStage.AtRisk,
    Lapsed = 1 << LifecycleStage.Lapsed,
    Loyal = 1 << LifecycleStage.Loyal,
}
