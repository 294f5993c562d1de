using System.Diagnostics.Metrics;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Mouazara.Disbursement;

public sealed class ReleaseRequest
{
    public string? PaymentReference { get; set; }

    public decimal? Amount { get; set; }

    public string? ValueDate { get; set; }
}
