using System.Net;

namespace Mouazara.Storage;

/// <summary>Names a storage REST request the way Azure's logs and price sheets do.</summary>
public static class StorageOperations
{
    public static (string Operation, string Resource) Classify(string service, string method, Uri uri, Func<string, string?> header)
    {
        // Azurite and other emulators address the account in the path (http://127.0.0.1:10000/devstoreaccount1/...).
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        if (segments.Count > 0 && (uri.IsLoopback || IPAddress.TryParse(uri.Host, out _)))
        {
            segments.RemoveAt(0);
        }

        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        return service switch
        {
            "blob" => Blob(method, segments, query["restype"], query["comp"], header),
            "queue" => Queue(method, segments, query["comp"], query["peekonly"]),
            "table" => Table(method, segments, header),
            _ => (method, segments.FirstOrDefault() ?? ""),
        };
    }

    static (string, string) Blob(string method, List<string> path, string? restype, string? comp, Func<string, string?> header)
    {
        var container = path.FirstOrDefault() ?? "";
        if (path.Count == 0)
        {
            return (comp == "list" ? "ListContainers" : method == "GET" ? "GetBlobServiceProperties" : "SetBlobServiceProperties", "");
        }

        if (restype == "container")
        {
            return (comp switch
            {
                "list" => "ListBlobs",
                "lease" => Capitalize(header("x-ms-lease-action") ?? "") + "ContainerLease",
                "metadata" => method == "PUT" ? "SetContainerMetadata" : "GetContainerMetadata",
                "acl" => method == "PUT" ? "SetContainerACL" : "GetContainerACL",
                _ => method switch { "PUT" => "CreateContainer", "DELETE" => "DeleteContainer", _ => "GetContainerProperties" },
            }, container);
        }

        return (comp switch
        {
            "block" => "PutBlock",
            "blocklist" => method == "PUT" ? "PutBlockList" : "GetBlockList",
            "appendblock" => "AppendBlock",
            "lease" => Capitalize(header("x-ms-lease-action") ?? "") + "BlobLease",
            "metadata" => method == "PUT" ? "SetBlobMetadata" : "GetBlobMetadata",
            "properties" => "SetBlobProperties",
            "tags" => method == "PUT" ? "SetBlobTags" : "GetBlobTags",
            "tier" => "SetBlobTier",
            _ => method switch
            {
                "PUT" => header("x-ms-copy-source") is null ? "PutBlob" : "CopyBlob",
                "GET" => "GetBlob",
                "HEAD" => "GetBlobProperties",
                "DELETE" => "DeleteBlob",
                _ => method + "Blob",
            },
        }, container);
    }

    static (string, string) Queue(string method, List<string> path, string? comp, string? peekOnly)
    {
        if (path.Count == 0)
        {
            return (comp == "list" ? "ListQueues" : method == "GET" ? "GetQueueServiceProperties" : "SetQueueServiceProperties", "");
        }

        var queue = path[0];
        if (path.Count == 1)
        {
            return (comp == "metadata"
                ? method == "PUT" ? "SetQueueMetadata" : "GetQueueMetadata"
                : comp == "acl" ? (method == "PUT" ? "SetQueueACL" : "GetQueueACL")
                : method switch { "PUT" => "CreateQueue", "DELETE" => "DeleteQueue", _ => "GetQueueMetadata" }, queue);
        }

        if (path.Count == 2)
        {
            return (method switch
            {
                "POST" => "PutMessage",
                "DELETE" => "ClearMessages",
                _ => string.Equals(peekOnly, "true", StringComparison.OrdinalIgnoreCase) ? "PeekMessages" : "GetMessages",
            }, queue);
        }

        return (method == "DELETE" ? "DeleteMessage" : "UpdateMessage", queue);
    }

    static (string, string) Table(string method, List<string> path, Func<string, string?> header)
    {
        var first = path.FirstOrDefault() ?? "";
        if (first == "$batch")
        {
            return ("EntityGroupTransaction", "");
        }

        var paren = first.IndexOf('(', StringComparison.Ordinal);
        var table = paren < 0 ? first : first[..paren];
        var keys = paren < 0 ? "" : first[(paren + 1)..].TrimEnd(')');
        if (table == "Tables")
        {
            return (method switch { "POST" => "CreateTable", "DELETE" => "DeleteTable", _ => "QueryTables" }, keys.Trim('\''));
        }

        if (keys.Length == 0)
        {
            return (method == "POST" ? "InsertEntity" : "QueryEntities", table);
        }

        var conditional = header("If-Match") is not null;
        return (method switch
        {
            "GET" => "GetEntity",
            "PUT" => conditional ? "UpdateEntity" : "InsertOrReplaceEntity",
            "MERGE" or "PATCH" => conditional ? "MergeEntity" : "InsertOrMergeEntity",
            "DELETE" => "DeleteEntity",
            _ => method + "Entity",
        }, table);
    }

    /// <summary>True when a Get Messages answer carries no message (the XML list is empty).</summary>
    public static bool IsEmptyMessageList(Azure.Response response)
    {
        if (response.Status != 200 || response.ContentStream is not { CanSeek: true, Length: < 1024 * 1024 } stream)
        {
            return false;
        }

        // The client buffers this answer before parsing it; read it and put the position back.
        var position = stream.Position;
        try
        {
            stream.Position = 0;
            var body = new byte[stream.Length];
            stream.ReadExactly(body);
            return body.AsSpan().IndexOf("<QueueMessage>"u8) < 0;
        }
        finally
        {
            stream.Position = position;
        }
    }

    static string Capitalize(string value) => value.Length == 0 ? value : char.ToUpperInvariant(value[0]) + value[1..];
}
