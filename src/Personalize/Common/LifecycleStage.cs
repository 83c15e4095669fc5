namespace Personalize.Common;

public enum LifecycleStage
{
    [System.ComponentModel.Description("Known but has never ordered (acquisition).")]
    Prospect,

    [System.ComponentModel.Description("Recently placed a first order (onboarding).")]
    New,

    [System.ComponentModel.Description("Orders at their usual rhythm (retention).")]
    Active,

    [System.ComponentModel.Description("Silent for longer than usual; may churn (save).")]
    AtRisk,

    [System.ComponentModel.Description("Silent for long; probably gone (reactivation, win-back).")]
    Lapsed,

    [System.ComponentModel.Description("Active and among the most valuable (advocacy, VIP).")]
    Loyal,
}

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
