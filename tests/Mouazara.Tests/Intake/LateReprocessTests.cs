using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Mouazara.Intake.Inbox;
using Mouazara.Testing;
using Mouazara.Tests.Intake.Support;

namespace Mouazara.Tests.Intake;

/// <summary>
/// A delivery is on time if it arrived while the call was open: staff who fix its mapping after the call closed
/// can still turn it into an application; one that arrived after the close cannot.
/// </summary>
public sealed class LateReprocessTests
{
    [Fact]
    public async Task A_delivery_kept_before_the_call_closed_becomes_an_application_when_reprocessed_after_the_close()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = Samples.Id("late");
        var config = TestEditions.Fast(edition, documentsDeadline: "PT20M", documentsReminder: "PT10M", committeeDeadline: "PT20M",
            committeeReminder: "PT10M", financeReminder: "PT10M", reportForSecondTranche: false);
        await stack.Client.PutEditionAsync(config);
        var form = Samples.NewFormId("aLate");
        stack.WriteMapping("kobo", edition, form);

        // Arrives while the call is open, with a region choice the mapping does not know yet: kept, rejected.
        var onTime = Samples.Kobo(stack.Files, form);
        onTime.Json["structure/region"] = "jiha_charqiya";
        var onTimeId = await stack.DeliverAcceptedAsync("kobo", onTime.Bytes);
        await stack.WaitForDeliveryAsync(onTimeId, "rejected");

        // Calls close on a date, so the days pass here the way a clock would: the delivery arrived five days ago, in the
        // inbox's own record, and the call closed since (its last day two days ago); then a second delivery arrives, late.
        var inbox = stack.Host.Services.GetRequiredService<DeliveryInbox>();
        Assert.True(DeliveryInbox.TryParsePublicId(onTimeId, out var provider, out var key));
        await inbox.UpdateAsync(provider, key, r =>
        {
            r.ReceivedAt = r.ReceivedAt.AddDays(-5);
            return true;
        }, CancellationToken.None);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        config["opensOn"] = today.AddDays(-30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        config["closesOn"] = today.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await stack.Client.PutEditionAsync(config);
        var late = Samples.Kobo(stack.Files, form);
        late.Json["structure/region"] = "jiha_charqiya";
        var lateId = await stack.DeliverAcceptedAsync("kobo", late.Bytes);
        await stack.WaitForDeliveryAsync(lateId, "rejected");

        // Staff fix the mapping and re-process both: the one sent on time is an application, the late one is refused for its edition.
        stack.WriteMapping("kobo", edition, form, m => m["fields"]!["applicant.region"]!["choices"]!["jiha_charqiya"] = "MA-02");
        foreach (var id in (string[])[onTimeId, lateId])
        {
            using var reprocess = await stack.ReprocessAsync(id);
            Assert.Equal(HttpStatusCode.Accepted, reprocess.StatusCode);
        }

        await stack.WaitForDeliveryAsync(onTimeId, "accepted");
        var app = await stack.WaitForApplicationAsync(Samples.ApplicationIdFor("kobo", onTime.SubmissionId), documents: 6);
        Assert.Equal(edition, app["edition"]!.GetValue<string>());

        var refused = await stack.WaitForDeliveryAsync(lateId, "rejected");
        Assert.Equal(2, refused["attempt"]!.GetValue<int>());
        Assert.Contains("open from", Assert.Single(refused["reasons"]!["edition"]!.AsArray())!.GetValue<string>(), StringComparison.Ordinal);
        await Assertions.UnknownApplicationAsync(stack, Samples.ApplicationIdFor("kobo", late.SubmissionId));
    }
}
