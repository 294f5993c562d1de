using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Email;
using Mouazara.Http;
using Mouazara.Intake;
using Mouazara.Programme;
using Mouazara.Security;
using Mouazara.Storage;

namespace Mouazara.Committee;

[DurableTask(nameof(OpenCommittee))]
public sealed class OpenCommittee(EditionStore editions, ApplicationStore applications) : TaskActivity<CommitteeStageInput, CommitteeStage>
{
    public override async Task<CommitteeStage> RunAsync(TaskActivityContext context, CommitteeStageInput input)
    {
        var edition = await editions.GetAsync(input.Edition);
        var (reminder, deadline) = edition.Committee.Timing.From(input.StartedAt);
        await applications.UpdateAsync(input.Edition, input.ApplicationId, a => a.DeadlineAt = deadline);
        return new CommitteeStage(edition.Committee.Members.Select(m => m.Id).ToList(), edition.Committee.Quorum, reminder, deadline, edition.StaffReviewReminderEvery);
    }
}

/// <summary>
/// Issues a member's review task and emails its signed link. The link is the same on every retry (same
/// claims, same signature), so the stored hash always matches the link the member received.
/// </summary>
[DurableTask(nameof(SendReviewTask))]
public sealed class SendReviewTask(MouazaraStorage storage, EditionStore editions, ApplicationStore applications, Links links, EmailSender email, TimeProvider time)
    : TaskActivity<ReviewTaskRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ReviewTaskRequest request)
    {
        var edition = await editions.GetAsync(request.Edition);
        var member = edition.Committee.Members.Single(m => m.Id == request.MemberId);
        var (url, token) = links.Review(request.ApplicationId, request.Edition, member.Id, request.Deadline);
        var existing = await storage.ReviewTasks.FindAsync<ReviewTaskEntity>(request.ApplicationId, member.Id);
        if (existing is null)
        {
            await storage.ReviewTasks.TryAddAsync(new ReviewTaskEntity
            {
                PartitionKey = request.ApplicationId,
                RowKey = member.Id,
                TokenHash = LinkTokens.Hash(token),
                IssuedAt = time.GetUtcNow(),
                ExpiresAt = request.Deadline,
            });
        }
        else if (existing.State != ReviewTaskStates.Open)
        {
            return false;
        }

        var app = await applications.GetAsync(request.Edition, request.ApplicationId);
        var project = app.ReadProject();
        Languages.TryParse(member.Language, out var language);
        var message = Templates.ReviewTask(language, member.Name, request.ApplicationId, project.Title,
            Regions.All[app.Region].In(language), Sectors.All[app.Sector].In(language), Money.Format(app.RequestedCentimes, language),
            request.Deadline, url, request.Reminder);
        var key = (request.Reminder ? "review-reminder-" : "review-task-") + member.Id;
        return await email.SendAsync(new OutgoingEmail(request.ApplicationId, key, member.Email, request.Reminder ? "review-reminder" : "review-task",
            language.Code(), message.Subject, message.Html, message.Text));
    }
}

/// <summary>Closes the open tasks, counts the votes and records the evaluation in the read model.</summary>
[DurableTask(nameof(TallyVotes))]
public sealed class TallyVotes(MouazaraStorage storage, EditionStore editions, ApplicationStore applications) : TaskActivity<ApplicationRef, Evaluation>
{
    public override async Task<Evaluation> RunAsync(TaskActivityContext context, ApplicationRef app)
    {
        var edition = await editions.GetAsync(app.Edition);
        // Close every open task under its ETag: a vote committed meanwhile makes this fail, and the retry counts it.
        var tasks = await storage.ReviewTasks.ListAsync<ReviewTaskEntity>(app.ApplicationId);
        foreach (var task in tasks.Where(t => t.State == ReviewTaskStates.Open))
        {
            task.State = ReviewTaskStates.Closed;
            await storage.ReviewTasks.UpdateEntityAsync(task, task.ETag, TableUpdateMode.Replace);
        }

        var votes = tasks.Select(t => t.Vote).OfType<VoteView>().ToList();
        var evaluation = Tally.Count(votes, edition.Committee.Members.Count, edition.Committee.Quorum, edition.Committee.ScoreThreshold);
        await applications.UpdateAsync(app.Edition, app.ApplicationId, a => a.EvaluationJson = JsonSerializer.Serialize(evaluation, Json.Options));
        return evaluation;
    }
}

[DurableTask(nameof(RecordCommitteeDecision))]
public sealed class RecordCommitteeDecision(ApplicationStore applications) : TaskActivity<CommitteeDecision, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CommitteeDecision decision)
    {
        await applications.UpdateAsync(decision.Edition, decision.ApplicationId, a =>
        {
            var evaluation = JsonSerializer.Deserialize<Evaluation>(a.EvaluationJson!, Json.Options)!;
            a.EvaluationJson = JsonSerializer.Serialize(evaluation with
            {
                Recommendation = decision.Approve ? Recommendations.Approve : Recommendations.Reject,
                DecidedBy = decision.Actor,
            }, Json.Options);
        });
        return true;
    }
}
