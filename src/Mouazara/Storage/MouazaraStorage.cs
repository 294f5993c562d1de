using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Mouazara.Storage;

/// <summary>The product's tables and its private attachments container, from one pair of service clients.</summary>
public sealed class MouazaraStorage(TableServiceClient tables, BlobServiceClient blobs, IOptions<StorageOptions> options)
{
    readonly string prefix = options.Value.TablePrefix;

    public TableServiceClient TableService => tables;

    public BlobServiceClient BlobService => blobs;

    /// <summary>The private container of every document's file (and the intake inbox's raw deliveries).</summary>
    public BlobContainerClient DocumentFiles { get; } = blobs.GetBlobContainerClient(options.Value.AttachmentsContainer);

    public TableClient Table(string name) => tables.GetTableClient(prefix + name);

    public TableClient Editions => Table(TableNames.Editions);

    public TableClient Applications => Table(TableNames.Applications);

    public TableClient ApplicationIndex => Table(TableNames.ApplicationIndex);


    public TableClient Documents => Table(TableNames.Documents);

    public TableClient ReviewTasks => Table(TableNames.ReviewTasks);

    public TableClient Votes => Table(TableNames.Votes);

    /// <summary>Each application's panel, seat by seat, partitioned by edition (where reviewers' loads are counted).</summary>
    public TableClient ReviewAssignments => Table(TableNames.ReviewAssignments);

    public TableClient Tranches => Table(TableNames.Tranches);

    public TableClient Ledger => Table(TableNames.DisbursementLedger);

    /// <summary>Each application's history (the table keeps its first name, AuditLog, so stored history stays readable).</summary>
    public TableClient History => Table(TableNames.AuditLog);

    public TableClient Emails => Table(TableNames.Emails);

    /// <summary>Every read of a document's file: who, what, when (law 09-08); written before a byte is served.</summary>
    public TableClient DocumentReads => Table(TableNames.DocumentReads);

    /// <summary>Each edition's selection round, its pins and its history.</summary>
    public TableClient Selections => Table(TableNames.Selections);

    /// <summary>Progress and final reports: each request and every version submitted, with its figures and decision.</summary>
    public TableClient Reports => Table(TableNames.Reports);

    /// <summary>The consensus round's second votes, one row per reviewer and application.</summary>
    public TableClient Revisions => Table(TableNames.ReviewRevisions);
    /// <summary>The indicators' read model: one row per application, partitioned by edition.</summary>
    public TableClient IndicatorFacts => Table(TableNames.IndicatorFacts);

    /// <summary>Creates what is missing; safe to call at every start.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in TableNames.All)
        {
            await Table(name).CreateIfNotExistsAsync(cancellationToken);
        }

        await DocumentFiles.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
