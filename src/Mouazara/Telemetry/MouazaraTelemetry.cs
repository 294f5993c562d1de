using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mouazara.Disbursement;
using Mouazara.Email;
using Mouazara.Intake;

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

    /// <summary>Every meter the product writes to, for the hosts' metric exporters.</summary>
    public static readonly IReadOnlyList<string> Meters =
    [
        SourceName,
        Email.EmailSender.MeterName,
        Intake.IntakeEndpoints.MeterName,
        Disbursement.ReleaseEndpoints.MeterName,
    ];

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
