namespace Mouazara.Editions;

/// <summary>Who a committee member speaks for: a panel mixes them, so evaluation is not the ministry's alone.</summary>
public static class ReviewerCategories
{
    public const string Ministry = "ministry";
    public const string RegionalCouncil = "regional-council";
    public const string ChamberOfHandicrafts = "chamber-of-handicrafts";
    public const string CivilSociety = "civil-society";

    /// <summary>Each category with the words staff read in an assignment's explanation.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Ministry] = "ministry",
        [RegionalCouncil] = "regional council",
        [ChamberOfHandicrafts] = "chamber of handicrafts",
        [CivilSociety] = "civil society",
    };
}
