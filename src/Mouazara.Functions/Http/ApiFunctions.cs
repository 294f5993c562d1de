using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mouazara.Committee;
using Mouazara.Disbursement;
using Mouazara.Disbursement.Agreements;
using Mouazara.Disbursement.Reports;
using Mouazara.Documents;
using Mouazara.Editions;
using Mouazara.Health;
using Mouazara.Intake;
using Mouazara.Intake.Inbox;
using Mouazara.Lifecycle;
using Mouazara.Selection;

namespace Mouazara.Functions.Http;

/// <summary>
/// One HTTP trigger per entry of <see cref="ApiRoutes.All"/>, in the same order as
/// <see cref="ApiRoutes.MapMouazaraApi"/>: function name = route name, route and methods = the route's template and
/// methods (attribute arguments must be constants, so they are spelled here and held to the table by a test).
/// Each only hands the request to the library's handler.
/// </summary>
public static class ApiFunctions
{
    [Function(nameof(ApiRoutes.Health))]
    public static Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest req) =>
        Handle.With<HealthEndpoints>(req, h => h.GetAsync(req.HttpContext));

    // Intake: form providers' webhooks.
    [Function(nameof(ApiRoutes.ReceiveSubmission))]
    public static Task<IActionResult> ReceiveSubmission(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/intake/{provider}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string provider) =>
        Handle.With<IntakeEndpoints>(req, h => h.ReceiveAsync(req.HttpContext, client, provider));

    // Applications: staff views and decisions.
    [Function(nameof(ApiRoutes.ListApplications))]
    public static Task<IActionResult> ListApplications(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/applications")] HttpRequest req) =>
        Handle.With<ApplicationEndpoints>(req, h => h.ListAsync(req.HttpContext));

    [Function(nameof(ApiRoutes.GetApplication))]
    public static Task<IActionResult> GetApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/applications/{id}")] HttpRequest req, string id) =>
        Handle.With<ApplicationEndpoints>(req, h => h.GetAsync(req.HttpContext, id));

    [Function(nameof(ApiRoutes.GetReviews))]
    public static Task<IActionResult> GetReviews(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/applications/{id}/reviews")] HttpRequest req, string id) =>
        Handle.With<EvaluationEndpoints>(req, h => h.GetAsync(req.HttpContext, id));

    [Function(nameof(ApiRoutes.DecideApplication))]
    public static Task<IActionResult> DecideApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/decision")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string id) =>
        Handle.With<ApplicationEndpoints>(req, h => h.DecideAsync(req.HttpContext, client, id));

    // Disbursement: finance releases a tranche.
    [Function(nameof(ApiRoutes.ReleaseTranche))]
    public static Task<IActionResult> ReleaseTranche(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/tranches/{n}/release")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string id, string n) =>
        Handle.With<ReleaseEndpoints>(req, h => h.ReleaseAsync(req.HttpContext, client, id, n));

    [Function(nameof(ApiRoutes.DecideAgreement))]
    public static Task<IActionResult> DecideAgreement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/agreement/decision")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string id) =>
        Handle.With<AgreementEndpoints>(req, h => h.DecideAsync(req.HttpContext, client, id));

    [Function(nameof(ApiRoutes.SuspendApplication))]
    public static Task<IActionResult> SuspendApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/suspend")] HttpRequest req, string id) =>
        Handle.With<SuspensionEndpoints>(req, h => h.SuspendAsync(req.HttpContext, id));

    [Function(nameof(ApiRoutes.ResumeApplication))]
    public static Task<IActionResult> ResumeApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/resume")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string id) =>
        Handle.With<SuspensionEndpoints>(req, h => h.ResumeAsync(req.HttpContext, client, id));

    [Function(nameof(ApiRoutes.WithdrawApplication))]
    public static Task<IActionResult> WithdrawApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/withdraw")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string id) =>
        Handle.With<WithdrawalEndpoints>(req, h => h.WithdrawAsync(req.HttpContext, client, id));

    // The finance desk: tranches of an edition by status, as JSON, CSV or XLSX.
    [Function(nameof(ApiRoutes.ListTranches))]
    public static Task<IActionResult> ListTranches(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/tranches")] HttpRequest req) =>
        Handle.With<FinanceDeskEndpoints>(req, h => h.ListAsync(req.HttpContext));
    // Disbursement: staff accept a report or ask for changes.
    [Function(nameof(ApiRoutes.DecideReport))]
    public static Task<IActionResult> DecideReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/reports/{n}/decision")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string id, string n) =>
        Handle.With<ReportEndpoints>(req, h => h.DecideAsync(req.HttpContext, client, id, n));

    // Applicants: status and uploads from signed links.
    [Function(nameof(ApiRoutes.GetStatus))]
    public static Task<IActionResult> GetStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/status/{token}")] HttpRequest req, string token) =>
        Handle.With<StatusEndpoints>(req, h => h.GetAsync(req.HttpContext, token));

    [Function(nameof(ApiRoutes.UploadPage))]
    public static Task<IActionResult> UploadPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/uploads/{token}/{documentType}")] HttpRequest req,
        string token, string documentType) =>
        Handle.With<UploadEndpoints>(req, h => h.PageAsync(req.HttpContext, token, documentType));

    [Function(nameof(ApiRoutes.UploadDocument))]
    public static Task<IActionResult> UploadDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", "post", Route = "api/uploads/{token}/{documentType}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string token, string documentType) =>
        Handle.With<UploadEndpoints>(req, h => h.UploadAsync(req.HttpContext, client, token, documentType));

    // Committee: review page and vote from a signed link.
    [Function(nameof(ApiRoutes.ReviewPage))]
    public static Task<IActionResult> ReviewPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/reviews/{token}")] HttpRequest req, string token) =>
        Handle.With<ReviewEndpoints>(req, h => h.PageAsync(req.HttpContext, token));

    [Function(nameof(ApiRoutes.CastVote))]
    public static Task<IActionResult> CastVote(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/reviews/{token}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string token) =>
        Handle.With<ReviewEndpoints>(req, h => h.VoteAsync(req.HttpContext, client, token));

    // Committee: a panel reviewer's conflict-of-interest declaration or recusal; staff reassign a reviewer.
    [Function(nameof(ApiRoutes.DeclareConflict))]
    public static Task<IActionResult> DeclareConflict(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/reviews/{token}/conflict")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string token) =>
        Handle.With<ConflictEndpoints>(req, h => h.DeclareAsync(req.HttpContext, client, token));

    [Function(nameof(ApiRoutes.ReassignReviewer))]
    public static Task<IActionResult> ReassignReviewer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/reviewers/{reviewerId}/reassign")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string id, string reviewerId) =>
        Handle.With<ReassignEndpoints>(req, h => h.ReassignAsync(req.HttpContext, client, id, reviewerId));

    // Editions: staff configuration.
    [Function(nameof(ApiRoutes.GetEdition))]
    public static Task<IActionResult> GetEdition(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/editions/{id}")] HttpRequest req, string id) =>
        Handle.With<EditionEndpoints>(req, h => h.GetAsync(req.HttpContext, id));

    [Function(nameof(ApiRoutes.PutEdition))]
    public static Task<IActionResult> PutEdition(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/editions/{id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string id) =>
        Handle.With<EditionEndpoints>(req, h => h.PutAsync(req.HttpContext, client, id));

    // Selection: the edition's round, two-person confirmation.
    [Function(nameof(ApiRoutes.CloseEdition))]
    public static Task<IActionResult> CloseEdition(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/editions/{id}/close")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string id) =>
        Handle.With<SelectionEndpoints>(req, h => h.CloseAsync(req.HttpContext, client, id));

    [Function(nameof(ApiRoutes.GetSelection))]
    public static Task<IActionResult> GetSelection(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/editions/{id}/selection")] HttpRequest req, string id) =>
        Handle.With<SelectionEndpoints>(req, h => h.GetAsync(req.HttpContext, id));

    [Function(nameof(ApiRoutes.StartSelection))]
    public static Task<IActionResult> StartSelection(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/editions/{id}/selection")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string id) =>
        Handle.With<SelectionEndpoints>(req, h => h.StartAsync(req.HttpContext, client, id));

    [Function(nameof(ApiRoutes.OverrideSelection))]
    public static Task<IActionResult> OverrideSelection(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/editions/{id}/selection/overrides")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string id) =>
        Handle.With<SelectionEndpoints>(req, h => h.OverrideAsync(req.HttpContext, client, id));

    [Function(nameof(ApiRoutes.ConfirmSelection))]
    public static Task<IActionResult> ConfirmSelection(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/editions/{id}/selection/confirm")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string id) =>
        Handle.With<SelectionEndpoints>(req, h => h.ConfirmAsync(req.HttpContext, client, id));

    [Function(nameof(ApiRoutes.CloseWaitlist))]
    public static Task<IActionResult> CloseWaitlist(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/editions/{id}/selection/close-waitlist")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string id) =>
        Handle.With<SelectionEndpoints>(req, h => h.CloseWaitlistAsync(req.HttpContext, client, id));

    // Intake inbox: staff see kept deliveries and re-process them.
    [Function(nameof(ApiRoutes.ListDeliveries))]
    public static Task<IActionResult> ListDeliveries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/intake/deliveries")] HttpRequest req) =>
        Handle.With<DeliveryEndpoints>(req, h => h.ListAsync(req.HttpContext));

    [Function(nameof(ApiRoutes.ReprocessDelivery))]
    public static Task<IActionResult> ReprocessDelivery(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/intake/deliveries/{id}/reprocess")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string id) =>
        Handle.With<DeliveryEndpoints>(req, h => h.ReprocessAsync(req.HttpContext, client, id));

    // Documents: short-lived links for staff and finance, and the download behind every link.
    [Function(nameof(ApiRoutes.GetDocumentLink))]
    public static Task<IActionResult> GetDocumentLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/applications/{id}/documents/{documentType}")] HttpRequest req,
        string id, string documentType) =>
        Handle.With<DownloadEndpoints>(req, h => h.LinkAsync(req.HttpContext, id, documentType));

    [Function(nameof(ApiRoutes.DownloadDocument))]
    public static Task<IActionResult> DownloadDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/files/{token}")] HttpRequest req, string token) =>
        Handle.With<DownloadEndpoints>(req, h => h.DownloadAsync(req.HttpContext, token));

    // Committee: the consensus round's page and answer, and a reviewer's own page, from signed links.
    [Function(nameof(ApiRoutes.RevisionPage))]
    public static Task<IActionResult> RevisionPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/revisions/{token}")] HttpRequest req, string token) =>
        Handle.With<RevisionEndpoints>(req, h => h.PageAsync(req.HttpContext, token));

    [Function(nameof(ApiRoutes.ReviseVote))]
    public static Task<IActionResult> ReviseVote(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/revisions/{token}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string token) =>
        Handle.With<RevisionEndpoints>(req, h => h.AnswerAsync(req.HttpContext, client, token));

    [Function(nameof(ApiRoutes.ReviewerPage))]
    public static Task<IActionResult> ReviewerPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/reviewers/{token}")] HttpRequest req, string token) =>
        Handle.With<ReviewerEndpoints>(req, h => h.PageAsync(req.HttpContext, token));

    // The API's description: public, no personal data.
    [Function(nameof(ApiRoutes.OpenApiDocument))]
    public static Task<IActionResult> OpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest req) =>
        Handle.With<ApiDescriptionEndpoints>(req, h => h.DocumentAsync(req.HttpContext));

    [Function(nameof(ApiRoutes.ApiReference))]
    public static Task<IActionResult> ApiReference(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/docs")] HttpRequest req) =>
        Handle.With<ApiDescriptionEndpoints>(req, h => h.PageAsync(req.HttpContext));

    [Function(nameof(ApiRoutes.ApiReferenceScript))]
    public static Task<IActionResult> ApiReferenceScript(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/docs/scalar.js")] HttpRequest req) =>
        Handle.With<ApiDescriptionEndpoints>(req, h => h.ScriptAsync(req.HttpContext));
    [Function(nameof(ApiRoutes.GetIndicators))]
    public static Task<IActionResult> GetIndicators(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/editions/{id}/indicators")] HttpRequest req, string id) =>
        Handle.With<Mouazara.Indicators.IndicatorEndpoints>(req, h => h.GetAsync(req.HttpContext, id));

    [Function(nameof(ApiRoutes.ExportEdition))]
    public static Task<IActionResult> ExportEdition(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/editions/{id}/exports/{kind}")] HttpRequest req, string id, string kind) =>
        Handle.With<Mouazara.Indicators.ExportEndpoints>(req, h => h.ExportAsync(req.HttpContext, id, kind));
}
