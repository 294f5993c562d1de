using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Mouazara.Intake;

/// <summary>
/// A direct upload (<c>multipart/form-data</c>) to the generic intake, read after its signature was verified over
/// the raw bytes: a <c>submission</c> part holding the JSON (without the files), and one file part per document
/// type, the field's name being the type. Each part streams to its own temporary file, capped as it flows, so
/// neither the form nor its files are ever held whole in memory.
/// </summary>
public sealed class MultipartSubmission : IAsyncDisposable
{
    /// <summary>The parts a form may carry: the submission and one per document type the programme knows.</summary>
    public const int MaxParts = SubmissionValidator.MaxDocuments + 4;

    readonly List<UploadedPart> parts = [];

    public InlineDocuments? Fields { get; private set; }

    public IReadOnlyList<UploadedPart> Parts => parts;

    public bool TooManyParts { get; private set; }

    public static async Task<MultipartSubmission> ReadAsync(Stream body, string boundary, long maxFileBytes, CancellationToken cancellationToken)
    {
        var result = new MultipartSubmission();
        try
        {
            var reader = new MultipartReader(boundary, body) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 16 };
            var count = 0;
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(cancellationToken)) is not null)
            {
                if (++count > MaxParts)
                {
                    result.TooManyParts = true;
                    break;
                }

                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (name == "submission")
                {
                    // The first one counts; a second is drained unread.
                    result.Fields ??= await InlineDocuments.ExtractAsync(section.Body, maxFileBytes, cancellationToken);
                    continue;
                }

                if (!disposition.IsFileDisposition())
                {
                    // Buttons and other plain fields of an HTML form.
                    continue;
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                var file = new InlineFile(-1, InlineDocuments.NewTempFile());
                await SpoolAsync(section.Body, file, maxFileBytes, cancellationToken);
                if (file.Size == 0 && string.IsNullOrEmpty(fileName))
                {
                    // A file input left empty: browsers still send the part.
                    await file.DisposeAsync();
                    continue;
                }

                result.parts.Add(new UploadedPart(name, fileName, section.ContentType, file));
            }

            return result;
        }
        catch
        {
            await result.DisposeAsync();
            throw;
        }
    }

    static async Task SpoolAsync(Stream source, InlineFile file, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            file.Size += read;
            if (file.Size > maxBytes)
            {
                // Keep reading to reach the next part, but write no more of this one.
                file.TooLarge = true;
                continue;
            }

            await file.Content.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        await file.Content.FlushAsync(cancellationToken);
        file.Content.Position = 0;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var part in parts)
        {
            await part.File.DisposeAsync();
        }

        if (Fields is not null)
        {
            await Fields.DisposeAsync();
        }
    }
}

/// <summary>One file part of a direct upload: its document type (the form field's name) and its spooled content.</summary>
public sealed record UploadedPart(string Type, string? FileName, string? ContentType, InlineFile File);
