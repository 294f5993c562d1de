using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Mouazara.Telemetry;

/// <summary>
/// The product's own trace source and meter. Spans carry the application id (never a name, email, phone or
/// number of the applicant), so one query finds everything that happened to an application.
/// </summary>
public static class MouazaraTelemetry
{
    public const string SourceName = "Mouazara";
    public const string ApplicationIdTag = "mouazara.application_id";

    public static readonly ActivitySource Source = new(SourceName);

    public static readonly Meter Meter = new(SourceName);

    static readonly Counter<long> StatusChanges = Meter.CreateCounter<long>("mouazara.applications.status_changes",
        description: "Applications entering a status, by status and edition");

    // One meter per area, every instrument of the product declared here, so that dashboards and exporters read one list.
    static readonly Meter EmailMeter = new("Mouazara.Email");
    static readonly Counter<long> EmailsSent = EmailMeter.CreateCounter<long>("mouazara.emails.sent", description: "Emails accepted by SendGrid");
    static readonly Counter<long> EmailsFailed = EmailMeter.CreateCounter<long>("mouazara.emails.failed", description: "Emails SendGrid refused or could not be reached for");

    static readonly Meter IntakeMeter = new("Mouazara.Intake");
    static readonly Counter<long> SubmissionsAccepted = IntakeMeter.CreateCounter<long>("mouazara.intake.accepted", description: "Submissions accepted");
    static readonly Counter<long> DeliveriesRefused = IntakeMeter.CreateCounter<long>("mouazara.intake.rejected", description: "Deliveries refused, by reason");
    static readonly Counter<long> DeliveriesKept = IntakeMeter.CreateCounter<long>("mouazara.intake.kept", description: "Provider deliveries kept in the inbox");

    static readonly Meter DisbursementMeter = new("Mouazara.Disbursement");
    static readonly Counter<long> TranchesReleased = DisbursementMeter.CreateCounter<long>("mouazara.tranches.released", description: "Tranches released");
    static readonly Counter<long> CentimesReleased = DisbursementMeter.CreateCounter<long>("mouazara.tranches.released_centimes", unit: "centimes", description: "Amounts released, in MAD centimes");

    /// <summary>Every meter the product writes to, for the hosts' metric exporters.</summary>
    public static readonly IReadOnlyList<string> Meters =
    [
        SourceName,
        EmailMeter.Name,
        IntakeMeter.Name,
        DisbursementMeter.Name,
    ];

    public static void EmailSent(string template) => EmailsSent.Add(1, new KeyValuePair<string, object?>("template", template));

    public static void EmailFailed(string template) => EmailsFailed.Add(1, new KeyValuePair<string, object?>("template", template));

    public static void SubmissionAccepted(string provider) => SubmissionsAccepted.Add(1, new KeyValuePair<string, object?>("provider", provider));

    public static void DeliveryRefused(int? statusCode) => DeliveriesRefused.Add(1, new KeyValuePair<string, object?>("reason", statusCode));

    public static void DeliveryKept(string provider, string status) =>
        DeliveriesKept.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("status", status));

    public static void TrancheReleased(string edition, long centimes)
    {
        TranchesReleased.Add(1, new KeyValuePair<string, object?>("edition", edition));
        CentimesReleased.Add(centimes, new KeyValuePair<string, object?>("edition", edition));
    }

    /// <summary>Marks the current span (the HTTP request, the activity execution) with the application it concerns.</summary>
    public static void Tag(string? applicationId)
    {
        if (applicationId is not null)
        {
            Activity.Current?.SetTag(ApplicationIdTag, applicationId);
        }
    }

    public static void StatusChanged(string edition, string status) =>
        StatusChanges.Add(1, new KeyValuePair<string, object?>("status", status), new KeyValuePair<string, object?>("edition", edition));
}
