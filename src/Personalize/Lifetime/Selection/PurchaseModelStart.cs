namespace Personalize.Lifetime.Selection;

/// <summary>Where a candidate's fits start: typically the previous snapshot's fit on the whole history and on its
/// calibration period.</summary>
public sealed record PurchaseModelStart(PurchaseModelParameters? History, PurchaseModelParameters? Calibration);
