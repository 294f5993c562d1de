using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Mouazara.Committee;
using Mouazara.Disbursement;
using Mouazara.Disbursement.Agreements;
using Mouazara.Disbursement.Reports;
using Mouazara.Documents;
using Mouazara.Editions;
using Mouazara.Health;
using Mouazara.Http;
using Mouazara.Indicators;
using Mouazara.Intake;
using Mouazara.Intake.Inbox;
using Mouazara.Lifecycle;
using Mouazara.Selection;

namespace Mouazara;

/// <summary>
/// The whole HTTP surface, once. The local host maps it with <see cref="MapMouazaraApi"/>; the Functions app
/// declares one trigger per route by hand; a test holds both to this table.
/// </summary>
public static class ApiRoutes
{
    public static readonly ApiRoute Health = new(nameof(Health), "health", ["GET"]);
    public static readonly ApiRoute ReceiveSubmission = new(nameof(ReceiveSubmission), "intake/{provider}", ["POST"]);
    public static readonly ApiRoute ListApplications = new(nameof(ListApplications), "applications", ["GET"]);
    public static readonly ApiRoute GetApplication = new(nameof(GetApplication), "applications/{id}", ["GET"]);
    public static readonly ApiRoute GetReviews = new(nameof(GetReviews), "applications/{id}/reviews", ["GET"]);
    public static readonly ApiRoute DecideApplication = new(nameof(DecideApplication), "applications/{id}/decision", ["POST"]);
    public static readonly ApiRoute ReleaseTranche = new(nameof(ReleaseTranche), "applications/{id}/tranches/{n}/release", ["POST"]);
    public static readonly ApiRoute DecideAgreement = new(nameof(DecideAgreement), "applications/{id}/agreement/decision", ["POST"]);
    public static readonly ApiRoute SuspendApplication = new(nameof(SuspendApplication), "applications/{id}/suspend", ["POST"]);
    public static readonly ApiRoute ResumeApplication = new(nameof(ResumeApplication), "applications/{id}/resume", ["POST"]);
    public static readonly ApiRoute WithdrawApplication = new(nameof(WithdrawApplication), "applications/{id}/withdraw", ["POST"]);
    public static readonly ApiRoute ListTranches = new(nameof(ListTranches), "tranches", ["GET"]);
    public static readonly ApiRoute DecideReport = new(nameof(DecideReport), "applications/{id}/reports/{n}/decision", ["POST"]);
    public static readonly ApiRoute GetStatus = new(nameof(GetStatus), "status/{token}", ["GET"]);
    public static readonly ApiRoute UploadPage = new(nameof(UploadPage), "uploads/{token}/{documentType}", ["GET"]);
    public static readonly ApiRoute UploadDocument = new(nameof(UploadDocument), "uploads/{token}/{documentType}", ["PUT", "POST"]);
    public static readonly ApiRoute ReviewPage = new(nameof(ReviewPage), "reviews/{token}", ["GET", "HEAD"]);
    public static readonly ApiRoute CastVote = new(nameof(CastVote), "reviews/{token}", ["POST"]);
    public static readonly ApiRoute GetEdition = new(nameof(GetEdition), "editions/{id}", ["GET"]);
    public static readonly ApiRoute PutEdition = new(nameof(PutEdition), "editions/{id}", ["PUT"]);
    public static readonly ApiRoute CloseEdition = new(nameof(CloseEdition), "editions/{id}/close", ["POST"]);
    public static readonly ApiRoute GetSelection = new(nameof(GetSelection), "editions/{id}/selection", ["GET"]);
    public static readonly ApiRoute StartSelection = new(nameof(StartSelection), "editions/{id}/selection", ["POST"]);
    public static readonly ApiRoute OverrideSelection = new(nameof(OverrideSelection), "editions/{id}/selection/overrides", ["POST"]);
    public static readonly ApiRoute ConfirmSelection = new(nameof(ConfirmSelection), "editions/{id}/selection/confirm", ["POST"]);
    public static readonly ApiRoute CloseWaitlist = new(nameof(CloseWaitlist), "editions/{id}/selection/close-waitlist", ["POST"]);
    public static readonly ApiRoute ListDeliveries = new(nameof(ListDeliveries), "intake/deliveries", ["GET"]);
    public static readonly ApiRoute ReprocessDelivery = new(nameof(ReprocessDelivery), "intake/deliveries/{id}/reprocess", ["POST"]);
    public static readonly ApiRoute GetDocumentLink = new(nameof(GetDocumentLink), "applications/{id}/documents/{documentType}", ["GET"]);
    public static readonly ApiRoute DownloadDocument = new(nameof(DownloadDocument), "files/{token}", ["GET"]);
    public static readonly ApiRoute RevisionPage = new(nameof(RevisionPage), "revisions/{token}", ["GET", "HEAD"]);
    public static readonly ApiRoute ReviseVote = new(nameof(ReviseVote), "revisions/{token}", ["POST"]);
    public static readonly ApiRoute ReviewerPage = new(nameof(ReviewerPage), "reviewers/{token}", ["GET", "HEAD"]);
    public static readonly ApiRoute OpenApiDocument = new(nameof(OpenApiDocument), "openapi.json", ["GET"]);
    public static readonly ApiRoute ApiReference = new(nameof(ApiReference), "docs", ["GET"]);
    public static readonly ApiRoute ApiReferenceScript = new(nameof(ApiReferenceScript), "docs/scalar.js", ["GET"]);
    public static readonly ApiRoute GetIndicators = new(nameof(GetIndicators), "editions/{id}/indicators", ["GET"]);
    public static readonly ApiRoute ExportEdition = new(nameof(ExportEdition), "editions/{id}/exports/{kind}", ["GET"]);
    public static readonly ApiRoute DeclareConflict = new(nameof(DeclareConflict), "reviews/{token}/conflict", ["POST"]);
    public static readonly ApiRoute ReassignReviewer = new(nameof(ReassignReviewer), "applications/{id}/reviewers/{reviewerId}/reassign", ["POST"]);

    public static readonly IReadOnlyList<ApiRoute> All =
    [
        Health, ReceiveSubmission, ListApplications, GetApplication, GetReviews, DecideApplication, ReleaseTranche, ListTranches, DecideReport, DecideAgreement, SuspendApplication, ResumeApplication,
        WithdrawApplication, GetStatus,
        UploadPage, UploadDocument, ReviewPage, CastVote, GetEdition, PutEdition, CloseEdition, GetSelection, StartSelection,
        OverrideSelection, ConfirmSelection, CloseWaitlist, ListDeliveries, ReprocessDelivery, GetDocumentLink, DownloadDocument,
        RevisionPage, ReviseVote, ReviewerPage,
        OpenApiDocument, ApiReference, ApiReferenceScript,
        GetIndicators, ExportEdition,
        DeclareConflict, ReassignReviewer,
    ];

    public static IEndpointRouteBuilder MapMouazaraApi(this IEndpointRouteBuilder app)
    {
        Map(app, Health, (HttpContext c, HealthEndpoints h) => h.GetAsync(c));
        Map(app, ReceiveSubmission, (HttpContext c, DurableTaskClient d, IntakeEndpoints h, string provider) => h.ReceiveAsync(c, d, provider));
        Map(app, ListApplications, (HttpContext c, ApplicationEndpoints h) => h.ListAsync(c));
        Map(app, GetApplication, (HttpContext c, ApplicationEndpoints h, string id) => h.GetAsync(c, id));
        Map(app, GetReviews, (HttpContext c, EvaluationEndpoints h, string id) => h.GetAsync(c, id));
        Map(app, DecideApplication, (HttpContext c, DurableTaskClient d, ApplicationEndpoints h, string id) => h.DecideAsync(c, d, id));
        Map(app, ReleaseTranche, (HttpContext c, DurableTaskClient d, ReleaseEndpoints h, string id, string n) => h.ReleaseAsync(c, d, id, n));
        Map(app, DecideAgreement, (HttpContext c, DurableTaskClient d, AgreementEndpoints h, string id) => h.DecideAsync(c, d, id));
        Map(app, SuspendApplication, (HttpContext c, SuspensionEndpoints h, string id) => h.SuspendAsync(c, id));
        Map(app, ResumeApplication, (HttpContext c, DurableTaskClient d, SuspensionEndpoints h, string id) => h.ResumeAsync(c, d, id));
        Map(app, WithdrawApplication, (HttpContext c, DurableTaskClient d, WithdrawalEndpoints h, string id) => h.WithdrawAsync(c, d, id));
        Map(app, ListTranches, (HttpContext c, FinanceDeskEndpoints h) => h.ListAsync(c));
        Map(app, DecideReport, (HttpContext c, DurableTaskClient d, ReportEndpoints h, string id, string n) => h.DecideAsync(c, d, id, n));
        Map(app, GetStatus, (HttpContext c, StatusEndpoints h, string token) => h.GetAsync(c, token));
        Map(app, UploadPage, (HttpContext c, UploadEndpoints h, string token, string documentType) => h.PageAsync(c, token, documentType));
        Map(app, UploadDocument, (HttpContext c, DurableTaskClient d, UploadEndpoints h, string token, string documentType) => h.UploadAsync(c, d, token, documentType));
        Map(app, ReviewPage, (HttpContext c, ReviewEndpoints h, string token) => h.PageAsync(c, token));
        Map(app, CastVote, (HttpContext c, DurableTaskClient d, ReviewEndpoints h, string token) => h.VoteAsync(c, d, token));
        Map(app, GetEdition, (HttpContext c, EditionEndpoints h, string id) => h.GetAsync(c, id));
        Map(app, PutEdition, (HttpContext c, DurableTaskClient d, EditionEndpoints h, string id) => h.PutAsync(c, d, id));
        Map(app, CloseEdition, (HttpContext c, DurableTaskClient d, SelectionEndpoints h, string id) => h.CloseAsync(c, d, id));
        Map(app, GetSelection, (HttpContext c, SelectionEndpoints h, string id) => h.GetAsync(c, id));
        Map(app, StartSelection, (HttpContext c, DurableTaskClient d, SelectionEndpoints h, string id) => h.StartAsync(c, d, id));
        Map(app, OverrideSelection, (HttpContext c, DurableTaskClient d, SelectionEndpoints h, string id) => h.OverrideAsync(c, d, id));
        Map(app, ConfirmSelection, (HttpContext c, DurableTaskClient d, SelectionEndpoints h, string id) => h.ConfirmAsync(c, d, id));
        Map(app, CloseWaitlist, (HttpContext c, DurableTaskClient d, SelectionEndpoints h, string id) => h.CloseWaitlistAsync(c, d, id));
        Map(app, ListDeliveries, (HttpContext c, DeliveryEndpoints h) => h.ListAsync(c));
        Map(app, ReprocessDelivery, (HttpContext c, DurableTaskClient d, DeliveryEndpoints h, string id) => h.ReprocessAsync(c, d, id));
        Map(app, GetDocumentLink, (HttpContext c, DownloadEndpoints h, string id, string documentType) => h.LinkAsync(c, id, documentType));
        Map(app, DownloadDocument, (HttpContext c, DownloadEndpoints h, string token) => h.DownloadAsync(c, token));
        Map(app, RevisionPage, (HttpContext c, RevisionEndpoints h, string token) => h.PageAsync(c, token));
        Map(app, ReviseVote, (HttpContext c, DurableTaskClient d, RevisionEndpoints h, string token) => h.AnswerAsync(c, d, token));
        Map(app, ReviewerPage, (HttpContext c, ReviewerEndpoints h, string token) => h.PageAsync(c, token));
        Map(app, OpenApiDocument, (HttpContext c, ApiDescriptionEndpoints h) => h.DocumentAsync(c));
        Map(app, ApiReference, (HttpContext c, ApiDescriptionEndpoints h) => h.PageAsync(c));
        Map(app, ApiReferenceScript, (HttpContext c, ApiDescriptionEndpoints h) => h.ScriptAsync(c));
        Map(app, GetIndicators, (HttpContext c, IndicatorEndpoints h, string id) => h.GetAsync(c, id));
        Map(app, ExportEdition, (HttpContext c, ExportEndpoints h, string id, string kind) => h.ExportAsync(c, id, kind));
        Map(app, DeclareConflict, (HttpContext c, DurableTaskClient d, ConflictEndpoints h, string token) => h.DeclareAsync(c, d, token));
        Map(app, ReassignReviewer, (HttpContext c, DurableTaskClient d, ReassignEndpoints h, string id, string reviewerId) => h.ReassignAsync(c, d, id, reviewerId));
        return app;
    }

    static void Map(IEndpointRouteBuilder app, ApiRoute route, Delegate handler) =>
        app.MapMethods("/api/" + route.Template, route.Methods, handler)
            .WithName(route.Name)
            .AddEndpointFilter(async (context, next) => await Api.Run(context.HttpContext, async () => (IResult)(await next(context))!));
}

/// <summary>One route of the API: its name (also its Azure Functions function name), template under /api, and methods.</summary>
public sealed record ApiRoute(string Name, string Template, IReadOnlyList<string> Methods);
