using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Kernel;

namespace Mouazara.Selection;

/// <summary>
/// Builds the selection problem from what is stored (the shortlisted applications with their committee scores, the
/// edition's funders and targets, staff's pins, awards already confirmed), solves it and stores the proposal.
/// </summary>
[DurableTask(nameof(ProposeSelection))]
public sealed partial class ProposeSelection(ApplicationStore applications, EditionStore editions, SelectionStore selections, ILogger<ProposeSelection> logger)
    : TaskActivity<ProposalRequest, string>
{
    /// <summary>Deterministic work units for CP-SAT (about seconds on an idle core); the same input gives the same proposal.</summary>
    public const double SolverBudget = 5;

    public override async Task<string> RunAsync(TaskActivityContext context, ProposalRequest request)
    {
        var round = await selections.FindRoundAsync(request.Edition);
        if (round is { Version: var stored } && stored >= request.Version && round.ProposalBlob is not null)
        {
            return round.Status; // a retry after the proposal was stored
        }

        var actor = round?.ProposedBy ?? "system";
        await selections.UpdateRoundAsync(request.Edition, r =>
        {
            r.Status = SelectionRoundStatuses.Running;
            return true;
        });

        var edition = await editions.GetAsync(request.Edition);
        var candidates = new List<SelectionCandidate>();
        await foreach (var app in applications.ListAsync(request.Edition))
        {
            if (app.Status == Statuses.Shortlisted || app.Status == Statuses.Waitlisted)
            {
                candidates.Add(Candidate(app));
            }
        }

        var pins = (await selections.PinsAsync(request.Edition)).Select(p => new SelectionPin(p.ApplicationId, p.Pin, p.Reason)).ToList();
        var problem = new SelectionRequest(candidates, Funders(edition), Targets(edition.Targets), [.. Regions.All.Keys], pins, [], SolverBudget);
        var proposal = SelectionSolver.Solve(problem);
        var blob = await selections.SaveProposalAsync(request.Edition, request.Version, proposal);
        await selections.UpdateRoundAsync(request.Edition, r =>
        {
            r.Status = SelectionRoundStatuses.Proposed;
            r.Version = request.Version;
            r.ProposalBlob = blob;
            r.ProposedAt = request.At;
            r.ProposedBy = actor;
            r.ConfirmedBy = null;
            r.ConfirmedAt = null;
            return true;
        });
        await selections.AppendHistoryAsync(request.Edition, request.At, $"proposal-{request.Version}", actor,
            $"Proposal {request.Version}: {proposal.Selected.Count} selected, {proposal.Waitlist.Count} waitlisted, solver {proposal.Solver.Status}.");
        Log(logger, request.Edition, request.Version, proposal.Selected.Count, proposal.Solver.Status);
        return SelectionRoundStatuses.Proposed;
    }

    public static SelectionCandidate Candidate(ApplicationEntity app)
    {
        // The committee's average score, read from the evaluation the committee stage recorded (its JSON, not its type:
        // the stages do not import each other).
        decimal score = 0;
        if (app.EvaluationJson is not null)
        {
            using var evaluation = JsonDocument.Parse(app.EvaluationJson);
            if (evaluation.RootElement.TryGetProperty("averageScore", out var average) && average.ValueKind == JsonValueKind.Number)
            {
                score = average.GetDecimal();
            }
        }

        return new SelectionCandidate(app.ApplicationId, app.ApplicantType, app.Region, app.Sector, app.WomenLed, app.Rural, app.RequestedCentimes, score);
    }

    /// <summary>An edition configured before funders existed has one funder: its whole envelope, for every applicant.</summary>
    public static IReadOnlyList<SelectionFunder> Funders(Edition edition) => edition.Funders.Count > 0
        ? [.. edition.Funders.Select(f => new SelectionFunder(f.Id, Money.ToCentimes(f.Envelope), f.ApplicantTypes, f.Regions))]
        : [new SelectionFunder("edition", Money.ToCentimes(edition.Envelope), edition.ApplicantTypes, [])];

    public static SelectionTargets Targets(EditionTargets targets) =>
        new(targets.WomenLedMin, targets.RuralMin, targets.PerRegionMin, targets.SectorMaxShare, targets.ScoreMin);

    [LoggerMessage(LogLevel.Information, "Selection of edition {Edition}: proposal {Version}, {Selected} selected, solver {Status}")]
    static partial void Log(ILogger logger, string edition, int version, int selected, string status);
}
