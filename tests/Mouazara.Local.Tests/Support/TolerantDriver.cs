using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mouazara.Testing;

namespace Mouazara.Local.Tests.Support;

/// <summary>
/// Drives applications to closed as their users would while the host may be dead at any moment: every step reads the
/// application's status and does what that status asks (upload the missing documents, vote, sign, release the due
/// tranche with the same Idempotency-Key each time, send the final report), and a step that meets a dead host or a 503
/// is simply tried again, as a person or a provider retrying would. Nothing here knows when the host was killed.
/// </summary>
public sealed class TolerantDriver(MouazaraClient client, string edition)
{
    /// <summary>Delivers a submission until the webhook answers 2xx (a retried delivery is the same application).</summary>
    public async Task<string> SubmitAsync(JsonNode body, TimeSpan timeout)
    {
        var bytes = TestSubmissions.Bytes(body);
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await client.SubmitAsync(bytes);
                if ((int)response.StatusCode is >= 200 and < 300)
                {
                    return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["applicationId"]!.GetValue<string>();
                }

                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"The webhook answered {(int)response.StatusCode}.");
            }
            catch (Exception e) when (Transient(e))
            {
            }

            Assert.True(DateTime.UtcNow < until, "The delivery was never accepted.");
            await Task.Delay(500);
        }
    }

    /// <summary>Waits until every application is at least shortlisted, doing the applicants' and reviewers' part.</summary>
    public async Task ToShortlistAsync(IReadOnlyList<string> ids, TimeSpan timeout) =>
        await Task.WhenAll(ids.Select(id => DriveAsync(id, "shortlisted", timeout)));

    /// <summary>Staff close the call, start the selection and a second staff member confirms it; each step retried.</summary>
    public async Task SelectAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var selection = await ReadAsync($"api/editions/{edition}/selection");
                var status = selection["status"]?.GetValue<string>();
                if (status == "confirmed")
                {
                    return;
                }

                if (status == "proposed")
                {
                    using var confirm = await client.SendAsync(HttpMethod.Post, $"api/editions/{edition}/selection/confirm", await client.SecondStaffTokenAsync());
                }
                else
                {
                    using var close = await client.SendAsync(HttpMethod.Post, $"api/editions/{edition}/close", await client.StaffTokenAsync());
                    using var start = await client.SendAsync(HttpMethod.Post, $"api/editions/{edition}/selection", await client.StaffTokenAsync());
                }
            }
            catch (Exception e) when (Transient(e))
            {
            }

            Assert.True(DateTime.UtcNow < until, $"The selection of {edition} never got confirmed.");
            await Task.Delay(1000);
        }
    }

    public async Task ToClosedAsync(IReadOnlyList<string> ids, TimeSpan timeout) =>
        await Task.WhenAll(ids.Select(id => DriveAsync(id, "closed", timeout)));

    static readonly string[] Order = ["received", "awaiting-documents", "checking-eligibility", "awaiting-staff-review", "in-evaluation", "shortlisted", "selected",
        "awaiting-signature", "disbursing", "closed"];

    readonly ConcurrentDictionary<string, string> lastSeen = new();
    readonly ConcurrentQueue<string> regressions = new();

    /// <summary>Every read that showed an application at an earlier stage than a read before it (a status moving back).</summary>
    public IReadOnlyCollection<string> Regressions => regressions;

    static bool Reached(string status, string target) =>
        Array.IndexOf(Order, status) >= Array.IndexOf(Order, target) && Array.IndexOf(Order, status) >= 0;

    async Task DriveAsync(string id, string target, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        var status = "unknown";
        while (true)
        {
            try
            {
                var app = await ReadAsync("api/applications/" + id);
                status = app["status"]!.GetValue<string>();
                // A status off the path (waitlisted, ineligible) is no step back; the drive reports it if it stays.
                var rank = Array.IndexOf(Order, status);
                if (rank >= 0 && lastSeen.GetValueOrDefault(id) is { } before && rank < Array.IndexOf(Order, before))
                {
                    regressions.Enqueue($"{id} went back from {before} to {status}");
                }
                else if (rank >= 0)
                {
                    lastSeen[id] = status;
                }

                if (Reached(status, target))
                {
                    return;
                }

                await StepAsync(id, status, app);
            }
            catch (Exception e) when (Transient(e))
            {
            }

            Assert.True(DateTime.UtcNow < until, $"{id} is stuck at {status}, short of {target}.");
            await Task.Delay(500);
        }
    }

    async Task StepAsync(string id, string status, JsonObject app)
    {
        var mails = await client.OutboxAsync(id);
        switch (status)
        {
            case "awaiting-documents":
                var uploaded = ((app["documents"] as JsonArray) ?? []).Select(d => d!["type"]!.GetValue<string>()).ToHashSet();
                foreach (var link in mails.Where(m => m.Template == "documents-request").SelectMany(m => MouazaraClient.Links(m, "uploads")).Distinct())
                {
                    if (!uploaded.Contains(link.Split('/')[^1].Split('?')[0]))
                    {
                        using var upload = await client.UploadAsync(link, TestFiles.Pdf(link.Split('/')[^1]));
                    }
                }

                break;
            case "in-evaluation":
                foreach (var link in mails.Where(m => m.Template == "review-task").SelectMany(m => MouazaraClient.Links(m, "reviews")).Distinct())
                {
                    // 201, or 409 when this member's vote was kept before a crash: both mean the vote is in.
                    using var vote = await client.VoteAsync(link, 80, "approve");
                }

                break;
            case "awaiting-signature":
                var request = mails.Where(m => m.Template == "agreement-request").MaxBy(m => m.ReceivedAt);
                if (request is not null)
                {
                    using var upload = await client.UploadAsync(MouazaraClient.Links(request, "uploads").Single(), TestFiles.Pdf("Convention signée"));
                    using var decision = await client.DecideAgreementAsync(id, "accept");
                }

                break;
            case "disbursing":
                foreach (var tranche in app["award"]!["tranches"]!.AsArray().Where(t => t!["status"]!.GetValue<string>() == "due"))
                {
                    var number = tranche!["number"]!.GetValue<int>();
                    // The same key on every try: finance's client repeating one release, never a second payment.
                    using var release = await client.ReleaseAsync(id, number, tranche["amount"]!.GetValue<decimal>(), $"{id}-{number}", $"TGR-{number}");
                }

                var final = mails.Where(m => m.Template == "final-report-request").MaxBy(m => m.ReceivedAt);
                if (final is not null)
                {
                    using var sent = await client.SubmitReportAsync(MouazaraClient.Links(final, "uploads").Single());
                    for (var number = 1; number <= 3; number++)
                    {
                        using var accepted = await client.DecideReportAsync(id, number, "accept", "Chiffres vérifiés.");
                    }
                }

                break;
        }
    }

    /// <summary>A staff read; anything but 200 (a 404 before intake created the application, a 503) is tried again.</summary>
    async Task<JsonObject> ReadAsync(string path)
    {
        using var response = await client.SendAsync(HttpMethod.Get, path, await client.StaffTokenAsync());
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"{path} answered {(int)response.StatusCode}.");
        }

        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>A dead or restarting host, a 503, or a half-read answer: try again.</summary>
    public static bool Transient(Exception e) =>
        e is HttpRequestException or TaskCanceledException or JsonException or IOException or InvalidOperationException
        || e.InnerException is not null && Transient(e.InnerException);
}
