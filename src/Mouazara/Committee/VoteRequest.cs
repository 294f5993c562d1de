using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mouazara.Kernel;

namespace Mouazara.Committee;

public sealed class VoteRequest
{
    public Dictionary<string, int>? Scores { get; set; }

    public string? Recommendation { get; set; }

    public string? Comment { get; set; }
}
