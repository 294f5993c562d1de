using Microsoft.DurableTask;
using Mouazara.Applications;

namespace Mouazara.Disbursement.Reports;

/// <summary>
/// One report, until staff accept it: the applicant is asked through the report form's link and reminded; a passed
/// deadline is not fatal but shown to staff (a history row and an email); each version submitted waits for a staff
/// decision (staff reminded on the edition's rhythm); changes requested send the reason and a new link, and the
/// loop goes on. Returns once a version is accepted.
/// </summary>
public static class ReportWorkflow
{
    public static async Task RunAsync(TaskOrchestrationContext context, ReportStep step)
    {
        var submissions = new EventWaiter<ReportSubmitted>(context, nameof(ReportSubmitted));
        var decisions = new EventWaiter<ReportDecided>(context, nameof(ReportDecided));
        var timing = await context.CallActivityAsync<ReportTiming>(nameof(RequestReportForm), step, Orchestration.Retry);
        for (var attempt = 1; ; attempt++)
        {
            var current = step with { Attempt = attempt };
            var version = await WaitForSubmissionAsync(context, submissions, current, timing);
            var decided = await WaitForDecisionAsync(context, decisions, current with { Version = version }, timing.StaffRemindEvery);
            if (decided.Decision == ReportDecisions.Accept)
            {
                return;
            }

            timing = await context.CallActivityAsync<ReportTiming>(nameof(RequestReportChanges),
                current with { At = context.Now(), Version = decided.Version, Reason = decided.Reason }, Orchestration.Retry);
        }
    }

    static async Task<int> WaitForSubmissionAsync(TaskOrchestrationContext context, EventWaiter<ReportSubmitted> submissions, ReportStep step, ReportTiming timing)
    {
        var reminded = timing.ReminderAt >= timing.Deadline;
        var late = false;
        for (var round = 1; ; round++)
        {
            var wake = !reminded ? timing.ReminderAt : !late ? timing.Deadline : context.Now() + timing.RemindEvery;
            var submitted = await submissions.NextAsync(wake);
            if (submitted?.Number == step.Number)
            {
                return submitted.Version;
            }

            if (submitted is not null)
            {
                continue; // another report's late duplicate
            }

            if (reminded && !late)
            {
                late = true;
                await context.CallActivityAsync(nameof(RecordReportLate), step with { At = context.Now() }, Orchestration.Retry);
                await context.CallActivityAsync(nameof(NotifyStaff),
                    new StaffNotice(step.ApplicationId, step.Edition, $"report-{step.Number}-late", step.Attempt), Orchestration.Retry);
            }

            reminded = true;
            await context.CallActivityAsync(nameof(RemindReportForm), step with { Round = round }, Orchestration.Retry);
        }
    }

    static async Task<ReportDecided> WaitForDecisionAsync(TaskOrchestrationContext context, EventWaiter<ReportDecided> decisions, ReportStep step, TimeSpan remindEvery)
    {
        for (var round = 0; ; round++)
        {
            await context.CallActivityAsync(nameof(NotifyStaff),
                new StaffNotice(step.ApplicationId, step.Edition, $"report-{step.Number}-v{step.Version}", round), Orchestration.Retry);
            var decided = await decisions.NextAsync(context.Now() + remindEvery);
            while (decided is not null && (decided.Number != step.Number || decided.Version != step.Version))
            {
                decided = await decisions.NextAsync(context.Now() + remindEvery);
            }

            if (decided is not null)
            {
                return decided;
            }
        }
    }
}

/// <summary>Report <see cref="Number"/> of an application (numbered in the order asked), for a tranche or final (Tranche null).</summary>
public sealed record ReportStep(string ApplicationId, string Edition, int Number, string Type, int? Tranche, DateTimeOffset At,
    int Attempt = 1, int Round = 0, int Version = 0, string? Reason = null);

public sealed record ReportTiming(DateTimeOffset ReminderAt, DateTimeOffset Deadline, TimeSpan RemindEvery, TimeSpan StaffRemindEvery);

/// <summary>The applicant submitted version <see cref="Version"/> of report <see cref="Number"/>; it is stored.</summary>
public sealed record ReportSubmitted(string EventId, int Number, int Version);

/// <summary>Staff decided a version of a report; the decision is recorded on its row.</summary>
public sealed record ReportDecided(string EventId, int Number, int Version, string Decision, string? Reason, string Actor);
