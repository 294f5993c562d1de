namespace Mouazara.Applications;

/// <summary>
/// Tells the applicant what a status change means for them. What to say depends on every stage's results
/// (failed rules, the award), so the words are chosen above the stages, in the lifecycle, and reach this
/// layer through this interface.
/// </summary>
public interface IApplicantNotifier
{
    Task StatusChangedAsync(string edition, string applicationId, string status, DateTimeOffset at);

    /// <summary>The same, for a caller that has just read or written the application's row.</summary>
    Task StatusChangedAsync(ApplicationEntity app, string status, DateTimeOffset at);
}
