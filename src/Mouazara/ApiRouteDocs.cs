using Mouazara.Committee;
using Mouazara.Disbursement;
using Mouazara.Disbursement.Reports;
using Mouazara.Documents;
using Mouazara.Editions;
using Mouazara.Http;
using Mouazara.Intake;
using Mouazara.Intake.Inbox;
using Mouazara.Lifecycle;
using Mouazara.Security;
using Mouazara.Selection;
using static Mouazara.RouteParameterIn;

namespace Mouazara;

/// <summary>
/// The description and access of every route of <see cref="ApiRoutes.All"/>, keyed by route name: the one entry to add
/// with a new route. <see cref="ApiDescription"/> writes the OpenAPI document from it, and the authorization matrix test
/// calls each route as every kind of caller and expects what <see cref="RouteDoc.Access"/> says.
/// </summary>
public static class ApiRouteDocs
{
    const string Json = "application/json";
    const string Html = "text/html";
    const string Multipart = "multipart/form-data";

    static RouteAnswer Ok(Type type, string description = "OK.") => new(200, description, type);

    static RouteAnswer Problem(int status, string description, params string[] types) => new(status, description, Problems: types);

    static RouteAnswer Malformed => Problem(400, "The body or a parameter cannot be read.", "malformed-request");

    static RouteAnswer NotJson => Problem(415, "The body is not application/json.", "unsupported-media-type");

    static RouteAnswer Invalid => Problem(422, "Some values are not valid: errors names each field.", "validation");

    static RouteAnswer ApplicationNotFound => Problem(404, "No such application.", "not-found");

    static RouteBody JsonRequest(Type type, string description) => new(description, [(Json, type)]);

    static readonly RouteParameter EditionQuery = new("edition", Query, "The edition's id.", Required: true);
    static readonly RouteParameter PageSize = new("pageSize", Query, "Items per page, 1 to 1000 (100 by default).", Type: typeof(int));
    static readonly RouteParameter Continuation = new("continuationToken", Query, "The continuationToken of the previous page.");
    static readonly IReadOnlyDictionary<string, string> EditionId = new Dictionary<string, string> { ["id"] = "The edition's id (e.g. demo)." };

    static readonly RouteDoc StaffReason = new(RouteAccess.Staff, "Applications", "")
    {
        Request = JsonRequest(typeof(ReasonRequest), "Why, in at most 1000 characters (required)."),
    };

    public static readonly IReadOnlyDictionary<string, RouteDoc> ByRoute = new Dictionary<string, RouteDoc>(StringComparer.Ordinal)
    {
        [nameof(ApiRoutes.Health)] = new(RouteAccess.Public, "Service", "Liveness and storage reachability")
        {
            Answers =
            [
                Ok(new { status = "healthy", storage = new { tables = "reachable", blobs = "reachable" } }.GetType(), "Healthy."),
                new(503, "Storage is unreachable: the same body with status degraded, and Retry-After.",
                    new { status = "degraded", storage = new { tables = "unreachable", blobs = "reachable" } }.GetType()),
            ],
        },
        [nameof(ApiRoutes.ReceiveSubmission)] = new(RouteAccess.ProviderWebhook, "Intake", "Receive a form provider's delivery")
        {
            Description = "The provider's webhook. generic takes the submission as JSON (or multipart/form-data with a submission part and one "
                + "part per document type) signed with X-Mouazara-Signature over \"<X-Mouazara-Timestamp>.<raw body>\"; kobo, typeform and "
                + "tally post their own JSON, authenticated their own way. The delivery is kept and processed in the background; the same "
                + "delivery again changes nothing.",
            Parameters =
            [
                new("X-Mouazara-Timestamp", Header, "generic: Unix seconds, within five minutes of the host's clock.", Type: typeof(long)),
            ],
            Request = new("The submission (generic) or the provider's own payload.",
                [(Json, typeof(GenericSubmission)), (Multipart, null)]),
            Answers =
            [
                new(202, "Kept. generic: the application's id, its status and the applicant's status link (also in Location). Other providers: "
                    + "the delivery's id and status.", new { applicationId = "", status = "", statusUrl = (Uri?)null }.GetType()),
                Malformed,
                Problem(404, "No such form provider.", "not-found"),
                Problem(413, "The delivery, its fields or a file is larger than accepted.", "payload-too-large"),
                Problem(415, "Not JSON nor multipart/form-data.", "unsupported-media-type"),
                Problem(422, "The submission's values are not valid: errors names each field.", "validation"),
                Problem(503, "Too much unverified data is arriving at once; retry after Retry-After seconds.", "busy"),
            ],
        },
        [nameof(ApiRoutes.ListApplications)] = new(RouteAccess.Staff, "Applications", "List an edition's applications")
        {
            Parameters =
            [
                EditionQuery,
                new("status", Query, "Only applications in this status."),
                new("region", Query, "Only this region, MA-01 to MA-12."),
                new("sector", Query, "Only this sector code."),
                PageSize, Continuation,
            ],
            Answers = [Ok(new { edition = "", count = 0, items = Array.Empty<ApplicationSummary>(), continuationToken = "" }.GetType()), Invalid],
        },
        [nameof(ApiRoutes.GetApplication)] = new(RouteAccess.StaffOrFinance, "Applications", "Read one application")
        {
            Description = "Staff read everything: state, stage, documents (each with a short-lived download link), eligibility, evaluation, "
                + "award, reports and history. Finance reads an application with an award, in a restricted view.",
            Answers =
            [
                Ok(typeof(ApplicationView), "Staff's view (a finance caller gets FinanceApplicationView)."),
                Problem(403, "Finance: the application has no award.", "finance-no-award"),
                ApplicationNotFound,
            ],
        },
        [nameof(ApiRoutes.GetReviews)] = new(RouteAccess.Staff, "Committee", "Every review of an application, criterion by criterion")
        {
            Answers = [Ok(typeof(ApplicationReviews)), ApplicationNotFound],
        },
        [nameof(ApiRoutes.DecideApplication)] = new(RouteAccess.Staff, "Applications", "Settle a case waiting for staff")
        {
            Request = JsonRequest(typeof(DecisionRequest), "decision: approve or reject; reason: required, at most 1000 characters."),
            Answers =
            [
                new(202, "Taken; the lifecycle goes on.", new { applicationId = "", stage = "", decision = "" }.GetType()),
                Malformed, NotJson, Invalid, ApplicationNotFound,
                Problem(409, "Not waiting for a staff decision, or another decision was taken at this stage.", "not-awaiting-decision", "already-decided"),
            ],
        },
        [nameof(ApiRoutes.ReleaseTranche)] = new(RouteAccess.Finance, "Disbursement", "Release a tranche")
        {
            Description = "Recorded once per application and tranche: the same Idempotency-Key and body again returns the first answer.",
            PathParameters = new Dictionary<string, string> { ["n"] = "The tranche's number, from 1." },
            Parameters = [new("Idempotency-Key", Header, "1 to 128 visible ASCII characters, unique to this release.", Required: true)],
            Request = JsonRequest(typeof(ReleaseRequest), "paymentReference, amount (MAD, the tranche's exact amount) and valueDate (yyyy-MM-dd)."),
            Answers =
            [
                Ok(typeof(ReleaseAnswer), "Released (or the same request again)."),
                Malformed, NotJson,
                Problem(404, "No such application or tranche.", "not-found"),
                Problem(409, "The tranche is not due, was released under another key, or disbursement is suspended or over.",
                    "tranche-not-due", "tranche-already-released", "disbursement-suspended", "application-withdrawn"),
                Problem(422, "Invalid values, or this Idempotency-Key was used with another body.", "validation", "idempotency-key-reused"),
            ],
        },
        [nameof(ApiRoutes.DecideAgreement)] = new(RouteAccess.Staff, "Disbursement", "Countersign the signed agreement or send it back")
        {
            Request = JsonRequest(typeof(Disbursement.Agreements.AgreementDecisionRequest), "decision: accept or reject; reason required to reject."),
            Answers =
            [
                new(202, "Taken.", new { applicationId = "", round = 0, decision = "" }.GetType()),
                Malformed, NotJson, Invalid, ApplicationNotFound,
                Problem(409, "No signed agreement is waiting.", "no-signed-agreement"),
            ],
        },
        [nameof(ApiRoutes.SuspendApplication)] = StaffReason with
        {
            Tag = "Disbursement",
            Summary = "Hold an awarded application's disbursement",
            Answers =
            [
                Ok(typeof(SuspensionAnswer), "Suspended."), Malformed, NotJson, Invalid, ApplicationNotFound,
                Problem(409, "Not disbursing, or already suspended.", "not-disbursing", "already-suspended"),
            ],
        },
        [nameof(ApiRoutes.ResumeApplication)] = StaffReason with
        {
            Tag = "Disbursement",
            Summary = "Lift a suspension",
            Answers =
            [
                Ok(typeof(SuspensionAnswer), "Resumed."), Malformed, NotJson, Invalid, ApplicationNotFound,
                Problem(409, "Not suspended.", "not-suspended"),
            ],
        },
        [nameof(ApiRoutes.WithdrawApplication)] = StaffReason with
        {
            Summary = "Withdraw an application at any stage",
            Answers =
            [
                new(202, "Withdrawn; the lifecycle ends at its next wait.", new { applicationId = "", withdrawnAt = DateTimeOffset.MinValue, reason = "" }.GetType()),
                Malformed, NotJson, Invalid, ApplicationNotFound,
                Problem(409, "Already over, already withdrawn, or a lifecycle version that cannot be withdrawn.",
                    "already-final", "already-withdrawn", "withdrawal-not-supported"),
            ],
        },
        [nameof(ApiRoutes.ListTranches)] = new(RouteAccess.StaffOrFinance, "Disbursement", "The finance desk: an edition's tranches")
        {
            Parameters =
            [
                EditionQuery,
                new("status", Query, "Tranche status (due by default).", Values: ["pending", "due", "released", "cancelled"]),
                new("format", Query, "json (default), csv or xlsx.", Values: ["json", "csv", "xlsx"]),
            ],
            Answers =
            [
                Ok(typeof(FinanceDesk), "The tranches (JSON), or the same rows as a CSV or XLSX file."),
                new(200, "", MediaType: "text/csv"),
                new(200, "", MediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                Problem(404, "No such edition.", "not-found"), Invalid,
            ],
        },
        [nameof(ApiRoutes.DecideReport)] = new(RouteAccess.Staff, "Disbursement", "Accept a report or ask for changes")
        {
            PathParameters = new Dictionary<string, string> { ["n"] = "The report's number within the application, from 1." },
            Request = JsonRequest(typeof(ReportDecisionRequest), "decision: accept or changes-requested; reason required for changes."),
            Answers =
            [
                Ok(typeof(ReportVersionView), "The decided version."), Malformed, NotJson, Invalid,
                Problem(404, "No such application or report.", "not-found"),
                Problem(409, "No version submitted yet, or the latest was already decided.", "report-not-submitted", "report-already-decided"),
            ],
        },
        [nameof(ApiRoutes.GetStatus)] = new(RouteAccess.Link(LinkPurposes.Status), "Applicants", "The applicant's status")
        {
            Description = "JSON for a program; a page in the applicant's language for a browser (Accept: text/html).",
            Answers =
            [
                Ok(new
                {
                    applicationId = "", edition = "", status = "", statusLabel = new Kernel.Bilingual("", ""), submittedAt = DateTimeOffset.MinValue,
                    updatedAt = DateTimeOffset.MinValue, deadlineAt = (DateTimeOffset?)null, projectTitle = "",
                    missingDocuments = new[] { new { type = "", label = new Kernel.Bilingual("", "") } },
                    documents = new[] { new { type = "", fileName = "", uploadedAt = DateTimeOffset.MinValue } },
                    history = new[] { new { at = DateTimeOffset.MinValue, status = "", label = new Kernel.Bilingual("", "") } },
                }.GetType(), "Where the application stands (also eligibility and award once known)."),
                new(200, "", MediaType: Html),
            ],
        },
        [nameof(ApiRoutes.UploadPage)] = new(RouteAccess.Link(LinkPurposes.Upload), "Applicants", "The upload (or report) form of a link")
        {
            Answers =
            [
                new(200, "A small form in the applicant's language.", MediaType: Html),
                Problem(404, "The application or report is unknown.", "not-found"),
                Problem(409, "The application no longer waits for this document.", "not-awaiting-document"),
            ],
        },
        [nameof(ApiRoutes.UploadDocument)] = new(RouteAccess.Link(LinkPurposes.Upload), "Applicants", "Send a document or a report")
        {
            Description = "A document: the file as the body (PDF, JPEG or PNG, recognised by content) or the form's multipart/form-data. "
                + "A report: the form, or its JSON (figures and the file in base64). A document's link takes a few replacements.",
            Request = new("The file, the form, or a report's JSON.",
                [("application/pdf", null), ("image/jpeg", null), ("image/png", null), ("application/octet-stream", null), (Multipart, null), (Json, typeof(ReportSubmission))]),
            Answers =
            [
                new(201, "Stored: the document, or the report's new version (ReportVersionView).", typeof(DocumentView)),
                new(201, "", MediaType: Html),
                Malformed,
                Problem(404, "The application or report is unknown.", "not-found"),
                Problem(409, "No longer waited for, or too many uploads through this link.", "not-awaiting-document", "too-many-uploads", "report-not-awaited"),
                Problem(413, "The file is too large.", "payload-too-large"),
                Problem(415, "Not an accepted file type.", "unsupported-media-type"),
                Problem(422, "The file is empty or not what it says, or a report's values are not valid.", "validation"),
            ],
        },
        [nameof(ApiRoutes.ReviewPage)] = new(RouteAccess.Link(LinkPurposes.Review), "Committee", "A committee member's review page")
        {
            Description = "The project, eligibility verdicts, documents and rubric, in the member's language. Opening it changes nothing.",
            Answers = [new(200, "The page.", MediaType: Html), Problem(404, "The review task is unknown.", "not-found")],
        },
        [nameof(ApiRoutes.CastVote)] = new(RouteAccess.Link(LinkPurposes.Review), "Committee", "Score and recommend")
        {
            Request = new("Scores per criterion, the recommendation, comments (one per criterion scored under half its maximum). The page posts the same as a form.",
                [(Json, typeof(VoteRequest)), ("application/x-www-form-urlencoded", null)]),
            Answers =
            [
                new(201, "Counted.", new { applicationId = "", memberId = "", score = 0, recommendation = "" }.GetType()),
                new(201, "", MediaType: Html),
                Malformed, NotJson, Invalid,
                Problem(404, "The review task is unknown.", "not-found"),
                Problem(409, "Already voted, or the evaluation is closed.", "already-voted", "evaluation-closed"),
            ],
        },
        [nameof(ApiRoutes.GetEdition)] = new(RouteAccess.Staff, "Editions", "Read an edition's configuration")
        {
            PathParameters = EditionId,
            Answers = [Ok(typeof(Edition)), Problem(404, "No such edition.", "not-found")],
        },
        [nameof(ApiRoutes.PutEdition)] = new(RouteAccess.Staff, "Editions", "Create or replace an edition's configuration")
        {
            PathParameters = EditionId,
            Request = JsonRequest(typeof(Edition), "The whole configuration; its id must be the one in the path."),
            Answers = [Ok(typeof(Edition), "Saved."), Malformed, NotJson, Invalid],
        },
        [nameof(ApiRoutes.CloseEdition)] = new(RouteAccess.Staff, "Selection", "Close the call early")
        {
            PathParameters = EditionId,
            Answers =
            [
                new(202, "Closed; the selection round goes on.", typeof(SelectionView)),
                Problem(404, "No such edition.", "not-found"), Problem(409, "Already closed.", "call-closed"),
            ],
        },
        [nameof(ApiRoutes.GetSelection)] = new(RouteAccess.Staff, "Selection", "The selection round and its proposal")
        {
            PathParameters = EditionId,
            Answers = [Ok(typeof(SelectionView)), Problem(404, "No such edition.", "not-found")],
        },
        [nameof(ApiRoutes.StartSelection)] = new(RouteAccess.Staff, "Selection", "Start the selection now")
        {
            PathParameters = EditionId,
            Answers =
            [
                new(202, "Started.", typeof(SelectionView)),
                Problem(404, "No such edition.", "not-found"),
                Problem(409, "The call is still open, or a proposal exists.", "call-open", "selection-proposed"),
            ],
        },
        [nameof(ApiRoutes.OverrideSelection)] = new(RouteAccess.Staff, "Selection", "Pin an application in or out and propose again")
        {
            PathParameters = EditionId,
            Request = JsonRequest(typeof(OverrideRequest), "applicationId, pin (in or out) and reason."),
            Answers =
            [
                new(202, "Proposing again.", typeof(SelectionView)), Malformed, NotJson, Invalid,
                Problem(404, "No such edition or application in it.", "not-found"),
                Problem(409, "There is no proposal.", "no-proposal"),
            ],
        },
        [nameof(ApiRoutes.ConfirmSelection)] = new(RouteAccess.Staff, "Selection", "Confirm the proposal (a second staff member)")
        {
            PathParameters = EditionId,
            Answers =
            [
                Ok(typeof(SelectionView), "Confirmed; every application is told its outcome."),
                Problem(403, "The caller closed, started or pinned this selection: a second person must confirm.", "same-person"),
                Problem(404, "No such edition.", "not-found"),
                Problem(409, "Nothing to confirm, or it changed meanwhile.", "nothing-to-confirm", "no-portfolio", "selection-changed"),
            ],
        },
        [nameof(ApiRoutes.ListDeliveries)] = new(RouteAccess.Staff, "Intake", "Kept deliveries, rejected ones with their reasons")
        {
            Parameters =
            [
                new("status", Query, "Only deliveries in this status.", Values: ["received", "accepted", "rejected", "ignored"]),
                new("provider", Query, "Only this provider's.", Values: ["generic", "kobo", "typeform", "tally"]),
                PageSize, Continuation,
            ],
            Answers = [Ok(new { count = 0, items = Array.Empty<DeliveryView>(), continuationToken = "" }.GetType()), Invalid],
        },
        [nameof(ApiRoutes.ReprocessDelivery)] = new(RouteAccess.Staff, "Intake", "Process a kept delivery again")
        {
            PathParameters = new Dictionary<string, string> { ["id"] = "The delivery's id, as listed." },
            Answers =
            [
                new(202, "Processing again.", typeof(DeliveryView)),
                Problem(404, "No such delivery.", "not-found"),
                Problem(409, "Already an application, not a submission, being processed, or re-processed at the same moment.",
                    "already-accepted", "not-a-submission", "in-progress", "reprocess-conflict"),
            ],
        },
        [nameof(ApiRoutes.GetDocumentLink)] = new(RouteAccess.StaffOrFinance, "Documents", "A short-lived download link to one document")
        {
            Description = "Staff read any document; finance the bank certificate and the agreement of an application with an award.",
            Answers =
            [
                Ok(new { url = (Uri?)null, expiresAt = DateTimeOffset.MinValue }.GetType(), "The link, valid for minutes."),
                Problem(403, "Finance may not read this document.", "forbidden"),
                Problem(404, "No such application or document.", "not-found"),
            ],
        },
        [nameof(ApiRoutes.DownloadDocument)] = new(RouteAccess.Link(LinkPurposes.Download), "Documents", "Download a file through its link")
        {
            Description = "Each read is recorded before a byte is sent. The link works for minutes and for the reader it was issued to.",
            Answers =
            [
                new(200, "The file (Content-Disposition: attachment).", MediaType: "application/octet-stream"),
                Problem(403, "The reader may no longer read this document.", "forbidden"),
                Problem(404, "No such document.", "not-found"),
            ],
        },
        [nameof(ApiRoutes.CloseWaitlist)] = new(RouteAccess.Staff, "Selection", "Close the waitlist: those still waiting are not funded")
        {
            PathParameters = EditionId,
            Answers =
            [
                Ok(typeof(SelectionView), "Closed; each waitlisted applicant is told in their language."),
                Problem(404, "No such edition.", "not-found"),
                Problem(409, "No confirmed selection, a promotion waits for confirmation, or the selection changed meanwhile.",
                    "no-waitlist", "promotion-proposed", "selection-changed"),
            ],
        },
        [nameof(ApiRoutes.RevisionPage)] = new(RouteAccess.Link(LinkPurposes.Revision), "Committee", "A reviewer's consensus-round page")
        {
            Description = "The reviewer's own vote beside the others' scores and comments, without names, in the reviewer's language.",
            Answers = [new(200, "The page.", MediaType: Html), Problem(404, "The revision task is unknown.", "not-found")],
        },
        [nameof(ApiRoutes.ReviseVote)] = new(RouteAccess.Link(LinkPurposes.Revision), "Committee", "Revise once, or keep the first vote")
        {
            Request = new("{keep: true}, or scores, recommendation and comments as for a vote. The page posts the same as a form.",
                [(Json, typeof(RevisionRequest)), ("application/x-www-form-urlencoded", null)]),
            Answers =
            [
                new(201, "Recorded.", new { applicationId = "", memberId = "", state = "", score = (int?)0, recommendation = "" }.GetType()),
                new(201, "", MediaType: Html),
                Malformed, NotJson, Invalid,
                Problem(404, "The revision task is unknown.", "not-found"),
                Problem(409, "Already answered, or the round is closed.", "already-revised", "evaluation-closed"),
            ],
        },
        [nameof(ApiRoutes.ReviewerPage)] = new(RouteAccess.Link(LinkPurposes.Reviewer), "Committee", "A reviewer's own page: pending and done reviews")
        {
            Description = "One link per reviewer and edition; JSON with Accept: application/json.",
            Answers = [new(200, "The page, or its JSON.", MediaType: Html), Problem(404, "The reviewer or edition is unknown.", "not-found")],
        },
        [nameof(ApiRoutes.DeclareConflict)] = new(RouteAccess.Link(LinkPurposes.Review), "Committee", "Declare no conflict of interest, or recuse")
        {
            Request = new("{conflict: false} declares no conflict; {conflict: true, note} recuses. The page posts the same as a form.",
                [(Json, typeof(ConflictDeclaration)), ("application/x-www-form-urlencoded", null)]),
            Answers =
            [
                Ok(new { applicationId = "", memberId = "", conflictDeclaredAt = (DateTimeOffset?)null }.GetType(), "No conflict declared."),
                new(202, "Recused: a replacement is seated and staff are told.", new { applicationId = "", memberId = "", state = "" }.GetType()),
                Malformed, NotJson, Invalid,
                Problem(404, "Not a panel seat.", "not-found"),
                Problem(409, "Already voted, or the evaluation is closed.", "already-voted", "evaluation-closed", "review-changed"),
                Problem(410, "The review is no longer this member's.", "review-withdrawn"),
            ],
        },
        [nameof(ApiRoutes.ReassignReviewer)] = StaffReason with
        {
            Tag = "Committee",
            Summary = "Give one panel reviewer's open review to the next best member",
            PathParameters = new Dictionary<string, string> { ["reviewerId"] = "The pool member whose seat is given to another." },
            Answers =
            [
                new(202, "Reassigned.", new { applicationId = "", reviewerId = "", state = "", reason = "" }.GetType()),
                Malformed, NotJson, Invalid,
                Problem(404, "No such application, or the reviewer holds no seat.", "not-found"),
                Problem(409, "The reviewer voted or left, or the stage is over.", "already-voted", "reviewer-not-sitting", "evaluation-over"),
            ],
        },
        [nameof(ApiRoutes.GetIndicators)] = new(RouteAccess.Staff, "Indicators", "The edition's programme indicators")
        {
            PathParameters = EditionId,
            Answers = [Ok(typeof(Indicators.ProgrammeIndicators)), Problem(404, "No such edition.", "not-found")],
        },
        [nameof(ApiRoutes.ExportEdition)] = new(RouteAccess.Staff, "Indicators", "Download an edition's applications, evaluations, selection, payments or indicators")
        {
            PathParameters = new Dictionary<string, string>
            {
                ["id"] = "The edition's id (e.g. demo).",
                ["kind"] = "applications, evaluations, selection, payments or indicators.",
            },
            Parameters = [new("format", Query, "csv (UTF-8 with a byte order mark, the default) or xlsx.", Values: ["csv", "xlsx"])],
            Answers =
            [
                new(200, "The file (Content-Disposition: attachment).", MediaType: "text/csv"),
                Problem(400, "Unknown kind or format.", "malformed-request"),
                Problem(404, "No such edition.", "not-found"),
            ],
        },
        [nameof(ApiRoutes.OpenApiDocument)] = new(RouteAccess.Public, "Service", "This OpenAPI document")
        {
            Answers = [new(200, "OpenAPI 3.1, generated from the route table.", MediaType: Json)],
        },
        [nameof(ApiRoutes.ApiReference)] = new(RouteAccess.Public, "Service", "The interactive API reference (a page)")
        {
            Answers = [new(200, "The page; it loads its script from /api/docs/scalar.js and reads /api/openapi.json.", MediaType: Html)],
        },
        [nameof(ApiRoutes.ApiReferenceScript)] = new(RouteAccess.Public, "Service", "The reference page's script (Scalar)")
        {
            Answers = [new(200, "Scalar's standalone script, bundled with the app.", MediaType: "text/javascript")],
        },
    };

    /// <summary>A route's entry; a route without one is a mistake this message says how to fix.</summary>
    public static RouteDoc For(ApiRoute route) =>
        ByRoute.TryGetValue(route.Name, out var doc) ? doc
        : throw new InvalidOperationException($"Route {route.Name} has no entry in ApiRouteDocs.ByRoute (src/Mouazara/ApiRouteDocs.cs): "
            + "add one with its access, summary, body and answers.");
}
