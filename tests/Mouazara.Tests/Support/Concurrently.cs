using System.Net;
using System.Text.Json.Nodes;

namespace Mouazara.Tests.Support;

/// <summary>One answer of a race, read to the end: status, media type, body as text and, for JSON, parsed.</summary>
internal sealed record Answer(int Attempt, HttpStatusCode Status, string? MediaType, string Text)
{
    public JsonNode? Json => MediaType is "application/json" or "application/problem+json" ? JsonNode.Parse(Text) : null;

    /// <summary>The problem type's last segment (<c>already-voted</c> for <c>urn:mouazara:problem:already-voted</c>).</summary>
    public string? ProblemType => MediaType == "application/problem+json" ? Json?["type"]?.GetValue<string>().Split(':')[^1] : null;

    public override string ToString() => $"#{Attempt} {(int)Status} {Text}";
}

/// <summary>
/// Sends the same kind of request many times at once. Every attempt is built and waiting before a gate opens, so they
/// overlap on the server instead of arriving one after another as they were created.
/// </summary>
internal static class Concurrently
{
    public static async Task<Answer[]> SendAsync(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.Task;
            using var response = await send(i);
            return new Answer(i, response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        }).ToList();
        gate.SetResult();
        return await Task.WhenAll(attempts);
    }

    /// <summary>Asserts that exactly one attempt got <paramref name="success"/> and every other a 409 problem of one of <paramref name="types"/>; returns the winner.</summary>
    public static Answer OneWins(Answer[] answers, HttpStatusCode success, params string[] types)
    {
        var all = string.Join("\n", answers.Select(a => a.ToString()));
        var winners = answers.Where(a => a.Status == success).ToList();
        Assert.True(winners.Count == 1, $"Expected exactly one {(int)success}:\n" + all);
        var winner = winners[0];
        Assert.All(answers.Where(a => a != winner), a =>
        {
            Assert.True(a.Status == HttpStatusCode.Conflict && types.Contains(a.ProblemType), "Expected one winner and conflicts:\n" + all);
            Assert.False(string.IsNullOrWhiteSpace(a.Json?["title"]?.GetValue<string>()), "A conflict says why: " + a);
        });
        return winner;
    }
}
