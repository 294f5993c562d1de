using System.Globalization;
using System.Text.Json;
using Mouazara.Applications;
using Mouazara.Committee;
using Mouazara.Disbursement;
using Mouazara.Eligibility;
using Mouazara.Email;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Selection;
using Mouazara.Texts;

namespace Mouazara.Lifecycle;

/// <summary>Tells the applicant, in their language, what a status change means for them.</summary>
public sealed class ApplicantNotifier(ApplicationStore applications, EmailSender email, SignedLinks links) : IApplicantNotifier
{
    public async Task StatusChangedAsync(string edition, string applicationId, string status, DateTimeOffset at) =>
        await StatusChangedAsync(await applications.GetAsync(edition, applicationId), status, at);

    public async Task StatusChangedAsync(ApplicationEntity app, string status, DateTimeOffset at)
    {
        var (edition, applicationId) = (app.Edition, app.ApplicationId);
        var applicant = app.ReadApplicant();
        var project = app.ReadProject();
        var language = app.ApplicantLanguage;
        RenderedEmail? message = status switch
        {
            Statuses.Received => Templates.Receipt(language, applicationId, project.Title, links.Status(applicationId, edition, app.SubmittedAt)),
            Statuses.Incomplete => Templates.Incomplete(language, applicationId),
            Statuses.Ineligible => Templates.Ineligible(language, applicationId, FailedRules(app)),
            Statuses.Shortlisted => Templates.Shortlisted(language, applicationId, Score(app)),
            Statuses.Waitlisted => Selection(app) is { Rank: { } rank } ? Templates.Waitlisted(language, applicationId, rank) : null,
            Statuses.NotSelected when Selection(app)?.Reasons.Any(r => r.Code == SelectionReasonCodes.WaitlistClosed) == true =>
                Templates.WaitlistClosed(language, applicationId),
            Statuses.NotSelected => Selection(app) is { } selection && selection.Reasons.All(r => r.Code != "left-out-at-cut-off")
                ? Templates.NotSelectedAtSelection(language, applicationId, Figure(selection.Score), selection.CutOffScore is { } c ? Figure(c) : null)
                : Templates.NotSelected(language, applicationId),
            Statuses.Selected => SelectedMessage(language, app),
            Statuses.Closed => Templates.Closed(language, applicationId),
            Statuses.Withdrawn => Templates.Withdrawn(language, applicationId, app.WithdrawalReason ?? "—"),
            Statuses.AwardLapsed => Templates.AwardLapsed(language, applicationId),
            _ => null,
        };
        if (message is null)
        {
            return;
        }

        await email.SendAsync(new OutgoingEmail(applicationId, "status-" + status, applicant.Email, "status-" + status,
            language.Code(), message.Subject, message.Html, message.Text));
    }

    static ApplicationSelection? Selection(ApplicationEntity app) =>
        app.SelectionJson is null ? null : JsonSerializer.Deserialize<ApplicationSelection>(app.SelectionJson, Json.Options);

    static string Score(ApplicationEntity app) =>
        app.EvaluationJson is null ? "—" : JsonSerializer.Deserialize<Evaluation>(app.EvaluationJson, Json.Options)?.AverageScore is { } s ? Figure(s) : "—";

    static string Figure(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    static List<Bilingual> FailedRules(ApplicationEntity app)
    {
        var result = app.EligibilityJson is null ? null : JsonSerializer.Deserialize<EligibilityResult>(app.EligibilityJson, Json.Options);
        return result?.Rules.Where(r => r.Verdict == RuleVerdict.Fail).Select(r => new Bilingual(r.MessageAr, r.MessageFr)).ToList() ?? [];
    }

    static RenderedEmail SelectedMessage(Language language, ApplicationEntity app)
    {
        var award = JsonSerializer.Deserialize<Award>(app.AwardJson!, Json.Options)!;
        var tranches = award.Tranches.Select(t => Money.Format(t.AmountCentimes, language)).ToList();
        return Templates.Selected(language, app.ApplicationId, Money.Format(award.AmountCentimes, language), tranches);
    }
}
