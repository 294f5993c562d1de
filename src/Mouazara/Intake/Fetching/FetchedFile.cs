namespace Mouazara.Intake.Fetching;

/// <summary>A downloaded file's body, open for streaming; disposing it closes the connection.</summary>
public sealed class FetchedFile(HttpResponseMessage response, Stream content) : IAsyncDisposable
{
    public Stream Content { get; } = content;

    public long? Length => response.Content.Headers.ContentLength;

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        response.Dispose();
    }
}
