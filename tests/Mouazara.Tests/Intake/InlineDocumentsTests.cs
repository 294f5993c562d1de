using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mouazara.Intake;
using Mouazara.Kernel;
using Mouazara.Testing;

namespace Mouazara.Tests.Intake;

/// <summary>Base64 files pulled out of a streaming JSON delivery into temporary files.</summary>
public sealed class InlineDocumentsTests
{
    const long Cap = 10 * 1024 * 1024;

    /// <summary>A stream that hands out at most <paramref name="chunk"/> bytes per read, as a slow network would.</summary>
    sealed class ChunkedStream(byte[] bytes, int chunk) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }

    static Task<InlineDocuments> Extract(byte[] json, long cap = Cap, int chunk = int.MaxValue) =>
        InlineDocuments.ExtractAsync(new ChunkedStream(json, chunk), cap, CancellationToken.None);

    static Task<InlineDocuments> Extract(string json, long cap = Cap, int chunk = int.MaxValue) => Extract(Encoding.UTF8.GetBytes(json), cap, chunk);

    static async Task<byte[]> ContentOf(InlineFile file)
    {
        file.Content.Position = 0;
        using var copy = new MemoryStream();
        await file.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    static JsonNode SkeletonOf(InlineDocuments documents) => JsonNode.Parse(documents.Skeleton.Span.ToArray())!;

    static string SkeletonText(InlineDocuments documents) => Encoding.UTF8.GetString(documents.Skeleton.Span);

    static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Every byte value, so that the base64 text holds '+', '/' and padding.</summary>
    static readonly byte[] AllByteValues = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(new byte[] { 1 }).ToArray();

    static string Delivery(params string[] base64Texts) =>
        "{\"submissionId\":\"s-1\",\"documents\":[" + string.Join(",", base64Texts.Select((text, i) =>
            "{\"type\":\"doc-" + i + "\",\"fileName\":\"f" + i + ".pdf\",\"contentBase64\":\"" + text + "\"}")) + "]}";

    static async Task AssertSingleFile(InlineDocuments documents, byte[] expected)
    {
        var file = Assert.Single(documents.Files);
        Assert.False(file.InvalidBase64, "invalid base64");
        Assert.False(file.TooLarge, "too large");
        Assert.Equal(expected.Length, file.Size);
        Assert.Equal(expected, await ContentOf(file));
        Assert.Equal(InlineDocuments.Placeholder + "0", (string?)SkeletonOf(documents)["documents"]![0]!["contentBase64"]);
    }

    [Fact]
    public async Task A_plain_base64_document_becomes_a_file_of_the_original_bytes_and_a_placeholder_in_the_skeleton()
    {
        var pdf = TestFiles.Pdf("Statuts");

        await using var documents = await Extract(Delivery(Convert.ToBase64String(pdf)));

        await AssertSingleFile(documents, pdf);
        var skeleton = SkeletonOf(documents);
        Assert.Equal("s-1", (string?)skeleton["submissionId"]);
        Assert.Equal("doc-0", (string?)skeleton["documents"]![0]!["type"]);
        Assert.Equal("f0.pdf", (string?)skeleton["documents"]![0]!["fileName"]);
        Assert.False(documents.SkeletonTooLarge);
        Assert.False(documents.TooManyFiles);
    }

    [Fact]
    public async Task The_skeleton_is_the_delivery_with_only_the_base64_replaced()
    {
        const string json = "{ \"a\" : [1, 2.5, true, null, \"x\\\"y\"],\n  \"contentBase64\" :  \"QUJD\" , \"z\": {}}";

        await using var documents = await Extract(json);

        Assert.Equal("{ \"a\" : [1, 2.5, true, null, \"x\\\"y\"],\n  \"contentBase64\" :  \"@inline:0\" , \"z\": {}}", SkeletonText(documents));
        Assert.Equal("ABC"u8.ToArray(), await ContentOf(documents.Files[0]));
    }

    [Fact]
    public async Task Escaped_slashes_in_the_base64_are_decoded_as_slashes()
    {
        var base64 = Convert.ToBase64String(AllByteValues);
        Assert.Contains('/', base64);

        await using var documents = await Extract(Delivery(base64.Replace("/", "\\/", StringComparison.Ordinal)));

        await AssertSingleFile(documents, AllByteValues);
    }

    [Theory]
    [InlineData("\\u002B", "\\u003D")]
    [InlineData("\\u002b", "\\u003d")]
    public async Task Plus_and_equals_written_as_unicode_escapes_are_decoded(string plus, string equals)
    {
        var base64 = Convert.ToBase64String(AllByteValues);
        Assert.Contains('+', base64);
        Assert.EndsWith("=", base64, StringComparison.Ordinal);

        var escaped = base64.Replace("+", plus, StringComparison.Ordinal).Replace("=", equals, StringComparison.Ordinal);
        await using var documents = await Extract(Delivery(escaped));

        await AssertSingleFile(documents, AllByteValues);
    }

    [Fact]
    public async Task A_delivery_written_by_System_Text_Json_with_its_default_escaping_round_trips()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new { documents = new[] { new { type = "budget", contentBase64 = Convert.ToBase64String(AllByteValues) } } });
        Assert.Contains("\\u002B", Encoding.UTF8.GetString(json), StringComparison.Ordinal);

        await using var documents = await Extract(json);

        await AssertSingleFile(documents, AllByteValues);
    }

    [Fact]
    public async Task Line_wrapped_base64_with_escaped_CRLF_is_decoded()
    {
        var bytes = Bytes(1000, 1);
        var wrapped = Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks);
        var json = JsonSerializer.SerializeToUtf8Bytes(new { documents = new[] { new { contentBase64 = wrapped } } });
        Assert.Contains("\\r\\n", Encoding.UTF8.GetString(json), StringComparison.Ordinal);

        await using var documents = await Extract(json);

        await AssertSingleFile(documents, bytes);
    }

    [Fact]
    public async Task Base64_wrapped_with_escaped_LF_only_is_decoded()
    {
        var bytes = Bytes(500, 2);
        var base64 = Convert.ToBase64String(bytes);
        var wrapped = string.Join("\\n", base64.Chunk(64).Select(c => new string(c)));

        await using var documents = await Extract(Delivery(wrapped));

        await AssertSingleFile(documents, bytes);
    }

    [Fact]
    public async Task A_UTF8_byte_order_mark_is_left_out_of_the_skeleton()
    {
        var pdf = TestFiles.Pdf();
        byte[] json = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Delivery(Convert.ToBase64String(pdf)))];

        await using var documents = await Extract(json);

        Assert.Equal((byte)'{', documents.Skeleton.Span[0]);
        await AssertSingleFile(documents, pdf);
        Assert.NotNull(JsonSerializer.Deserialize<GenericSubmission>(documents.Skeleton.Span, Json.Options));
    }

    [Fact]
    public async Task A_UTF8_byte_order_mark_is_left_out_of_the_skeleton_even_when_the_stream_delivers_it_byte_by_byte()
    {
        byte[] json = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Delivery("QUJD"))];

        await using var documents = await Extract(json, chunk: 1);

        Assert.Equal((byte)'{', documents.Skeleton.Span[0]);
        Assert.NotNull(JsonSerializer.Deserialize<GenericSubmission>(documents.Skeleton.Span, Json.Options));
    }

    [Fact]
    public async Task The_key_appearing_as_a_string_value_is_not_taken_for_a_key()
    {
        const string json = "{\"note\":\"contentBase64\",\"tags\":[\"contentBase64\",\"QUJD\"],\"last\":\"contentBase64\" , \"after\" : \"RUZH\"}";

        await using var documents = await Extract(json);

        Assert.Empty(documents.Files);
        Assert.Equal(json, SkeletonText(documents));
    }

    [Fact]
    public async Task A_value_naming_the_key_does_not_stop_a_real_key_after_it_from_being_extracted()
    {
        const string json = "{\"note\":\"contentBase64\",\"documents\":[{\"contentBase64\":\"QUJD\"}]}";

        await using var documents = await Extract(json);

        Assert.Equal("ABC"u8.ToArray(), await ContentOf(Assert.Single(documents.Files)));
        Assert.Equal("contentBase64", (string?)SkeletonOf(documents)["note"]);
        Assert.Equal("@inline:0", (string?)SkeletonOf(documents)["documents"]![0]!["contentBase64"]);
    }

    [Fact]
    public async Task The_key_inside_a_string_with_escaped_quotes_is_not_taken_for_a_key()
    {
        const string json = "{\"summary\":\"he wrote \\\"contentBase64\\\":\\\"QUJD\\\" here\",\"k\\\"contentBase64\":\"QUJD\"}";

        await using var documents = await Extract(json);

        Assert.Empty(documents.Files);
        Assert.Equal(json, SkeletonText(documents));
    }

    [Fact]
    public async Task A_longer_key_ending_in_the_name_is_not_extracted()
    {
        const string json = "{\"xcontentBase64\":\"QUJD\",\"contentBase64x\":\"QUJD\",\"contentBase6\":\"QUJD\"}";

        await using var documents = await Extract(json);

        Assert.Empty(documents.Files);
        Assert.Equal(json, SkeletonText(documents));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("123")]
    [InlineData("true")]
    [InlineData("{\"contentBase64\":\"QUJD\"}")]
    public async Task A_key_whose_value_is_not_a_string_is_left_alone_but_nested_strings_are_still_found(string value)
    {
        var json = "{\"contentBase64\":" + value + "}";

        await using var documents = await Extract(json);

        Assert.Equal(value.StartsWith('{') ? 1 : 0, documents.Files.Count);
        Assert.Equal(value.StartsWith('{') ? json.Replace("QUJD", "@inline:0", StringComparison.Ordinal) : json, SkeletonText(documents));
    }

    [Fact]
    public async Task A_document_deep_in_nested_objects_is_extracted()
    {
        var bytes = Bytes(300, 3);
        var json = "{\"a\":{\"b\":[{\"c\":{\"d\":[[{\"contentBase64\":\"" + Convert.ToBase64String(bytes) + "\"}]]}}]}}";

        await using var documents = await Extract(json);

        Assert.Equal(bytes, await ContentOf(Assert.Single(documents.Files)));
        Assert.Equal("@inline:0", (string?)SkeletonOf(documents)["a"]!["b"]![0]!["c"]!["d"]![0]![0]!["contentBase64"]);
    }

    [Fact]
    public async Task Several_documents_become_numbered_files_in_order()
    {
        byte[][] files = [Bytes(10, 4), Bytes(5000, 5), [], Bytes(1, 6)];

        await using var documents = await Extract(Delivery(files.Select(f => Convert.ToBase64String(f)).ToArray()));

        Assert.Equal(files.Length, documents.Files.Count);
        var skeleton = SkeletonOf(documents);
        for (var i = 0; i < files.Length; i++)
        {
            Assert.Equal(i, documents.Files[i].Index);
            Assert.Equal(files[i], await ContentOf(documents.Files[i]));
            Assert.Equal(files[i].Length, documents.Files[i].Size);
            Assert.Equal("@inline:" + i, (string?)skeleton["documents"]![i]!["contentBase64"]);
            Assert.Equal("doc-" + i, (string?)skeleton["documents"]![i]!["type"]);
        }
    }

    [Fact]
    public async Task Twenty_files_are_fine_and_a_twenty_first_is_too_many()
    {
        await using (var twenty = await Extract(Delivery(Enumerable.Repeat("QUJD", 20).ToArray())))
        {
            Assert.False(twenty.TooManyFiles);
            Assert.Equal(20, twenty.Files.Count);
        }

        await using var more = await Extract(Delivery(Enumerable.Repeat("QUJD", 21).ToArray()));
        Assert.True(more.TooManyFiles);
    }

    [Fact]
    public async Task A_delivery_truncated_inside_a_file_leaves_an_invalid_file_and_a_skeleton_that_does_not_parse()
    {
        var json = Delivery(Convert.ToBase64String(Bytes(100, 7)));
        var truncated = json[..(json.IndexOf("contentBase64", StringComparison.Ordinal) + 40)];

        await using var documents = await Extract(truncated);

        Assert.True(Assert.Single(documents.Files).InvalidBase64);
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<GenericSubmission>(documents.Skeleton.Span, Json.Options));
    }

    [Fact]
    public async Task A_delivery_truncated_outside_a_file_keeps_its_files_but_the_skeleton_does_not_parse()
    {
        var json = Delivery("QUJD");

        await using var documents = await Extract(json[..^3]);

        Assert.False(Assert.Single(documents.Files).InvalidBase64);
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<GenericSubmission>(documents.Skeleton.Span, Json.Options));
    }

    [Theory]
    [InlineData("QUJ!")]
    [InlineData("QUJ")]
    [InlineData("Q===")]
    [InlineData("QU==QUJD")]
    [InlineData("QUJD\\tRUZH")]
    [InlineData("QUJD\\\\RUZH")]
    [InlineData("QUJD\\\"RUZH")]
    [InlineData("QUJD\\u0000RUZH")]
    [InlineData("QUJD\\u00e9RUZH")]
    [InlineData("QUJD\\u00zzRUZH")]
    [InlineData("QUJD\\u00")]
    [InlineData("QUJDé")]
    public async Task Text_that_is_not_base64_marks_the_file_invalid_and_the_skeleton_stays_well_formed(string text)
    {
        await using var documents = await Extract(Delivery(text, "QUJD"));

        Assert.Equal(2, documents.Files.Count);
        Assert.True(documents.Files[0].InvalidBase64);
        Assert.False(documents.Files[1].InvalidBase64);
        Assert.Equal("ABC"u8.ToArray(), await ContentOf(documents.Files[1]));
        var skeleton = SkeletonOf(documents);
        Assert.Equal("@inline:0", (string?)skeleton["documents"]![0]!["contentBase64"]);
        Assert.Equal("@inline:1", (string?)skeleton["documents"]![1]!["contentBase64"]);
    }

    [Fact]
    public async Task A_file_at_the_size_cap_is_kept_and_one_byte_more_is_too_large()
    {
        await using (var atCap = await Extract(Delivery(Convert.ToBase64String(Bytes(100, 8))), cap: 100))
        {
            Assert.False(Assert.Single(atCap.Files).TooLarge);
        }

        await using var over = await Extract(Delivery(Convert.ToBase64String(Bytes(101, 8))), cap: 100);
        Assert.True(Assert.Single(over.Files).TooLarge);
        Assert.Equal("@inline:0", (string?)SkeletonOf(over)["documents"]![0]!["contentBase64"]);
    }

    [Fact]
    public async Task A_large_file_over_the_cap_is_too_large_without_being_written_whole()
    {
        await using var documents = await Extract(Delivery(Convert.ToBase64String(Bytes(200_000, 9)), "QUJD"), cap: 50_000);

        Assert.True(documents.Files[0].TooLarge);
        Assert.True(documents.Files[0].Content.Length <= 50_000, $"{documents.Files[0].Content.Length} bytes written");
        Assert.False(documents.Files[1].TooLarge);
        Assert.Equal("ABC"u8.ToArray(), await ContentOf(documents.Files[1]));
    }

    [Fact]
    public async Task A_stream_that_returns_one_byte_at_a_time_gives_the_same_files_and_skeleton()
    {
        byte[][] files = [Bytes(20_000, 10), AllByteValues, Bytes(9_000, 11)];
        var texts = files.Select(f => Convert.ToBase64String(f).Replace("/", "\\/", StringComparison.Ordinal).Replace("+", "\\u002B", StringComparison.Ordinal)).ToArray();
        var json = Encoding.UTF8.GetBytes(Delivery(texts));

        await using var whole = await Extract(json);
        await using var trickled = await Extract(json, chunk: 1);

        Assert.Equal(whole.Skeleton.ToArray(), trickled.Skeleton.ToArray());
        Assert.Equal(files.Length, trickled.Files.Count);
        for (var i = 0; i < files.Length; i++)
        {
            Assert.False(trickled.Files[i].InvalidBase64);
            Assert.Equal(files[i], await ContentOf(trickled.Files[i]));
        }
    }

    [Theory]
    [InlineData(6141)]
    [InlineData(6144)]
    [InlineData(6145)]
    [InlineData(12_288)]
    [InlineData(12_289)]
    [InlineData(20_000)]
    public async Task Files_around_the_decoders_chunk_size_round_trip(int length)
    {
        var bytes = Bytes(length, length);

        await using var documents = await Extract(Delivery(Convert.ToBase64String(bytes)));

        await AssertSingleFile(documents, bytes);
    }

    [Theory]
    [InlineData(6142)]
    [InlineData(6143)]
    [InlineData(12_286)]
    [InlineData(12_287)]
    public async Task A_file_whose_padded_base64_exactly_fills_the_decoders_chunks_round_trips(int length)
    {
        var bytes = Bytes(length, length);

        await using var documents = await Extract(Delivery(Convert.ToBase64String(bytes)));

        await AssertSingleFile(documents, bytes);
    }

    [Fact]
    public async Task A_skeleton_over_one_megabyte_is_reported_too_large()
    {
        var json = "{\"summary\":\"" + new string('a', 1024 * 1024) + "\",\"contentBase64\":\"QUJD\"}";

        await using var documents = await Extract(json);

        Assert.True(documents.SkeletonTooLarge);
        Assert.True(documents.Skeleton.Length <= 1024 * 1024);
    }

    [Fact]
    public async Task Disposing_deletes_the_temporary_files()
    {
        var documents = await Extract(Delivery("QUJD"));
        var path = documents.Files[0].Content.Name;
        Assert.True(File.Exists(path));

        await documents.DisposeAsync();

        Assert.False(File.Exists(path));
    }

    public enum Writer
    {
        SystemTextJsonDefault,
        MouazaraOptions,
        RelaxedEscaping,
        EscapedSlashes,
        WrappedLines,
    }

    static byte[] Write(Writer writer, byte[] file)
    {
        var base64 = Convert.ToBase64String(file);
        object body = new { submissionId = "p-1", documents = new[] { new { type = "budget", contentBase64 = base64 } } };
        return writer switch
        {
            Writer.SystemTextJsonDefault => JsonSerializer.SerializeToUtf8Bytes(body),
            Writer.MouazaraOptions => JsonSerializer.SerializeToUtf8Bytes(body, Json.Options),
            Writer.RelaxedEscaping => JsonSerializer.SerializeToUtf8Bytes(body, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
            Writer.EscapedSlashes => Encoding.UTF8.GetBytes(Delivery(base64.Replace("/", "\\/", StringComparison.Ordinal))),
            _ => JsonSerializer.SerializeToUtf8Bytes(new { documents = new[] { new { contentBase64 = Convert.ToBase64String(file, Base64FormattingOptions.InsertLineBreaks) } } }),
        };
    }

    static Gen<byte[]> Files() => Gen.OneOf(
        ArbMap.Default.GeneratorFor<byte[]>(),
        Gen.Zip(Gen.Choose(0, 30_000), Gen.Choose(0, int.MaxValue)).Select(p => Bytes(p.Item1, p.Item2)));

    static Gen<int> Chunks() => Gen.OneOf(Gen.Constant(int.MaxValue), Gen.Choose(1, 17), Gen.Choose(1, 70_000));

    [Property(MaxTest = 150)]
    public Property Any_bytes_round_trip_through_base64_in_JSON_however_written_and_however_the_stream_splits() =>
        Prop.ForAll(Arb.From(from file in Files() from writer in Gen.Elements(Enum.GetValues<Writer>()) from chunk in Chunks() select (file, writer, chunk)), async input =>
        {
            var (file, writer, chunk) = input;
            await using var documents = await Extract(Write(writer, file), chunk: chunk);

            var extracted = Assert.Single(documents.Files);
            Assert.False(extracted.InvalidBase64, $"{writer}, {file.Length} bytes, chunks of {chunk}");
            Assert.False(extracted.TooLarge);
            Assert.Equal(file, await ContentOf(extracted));
            Assert.Equal("@inline:0", (string?)SkeletonOf(documents)["documents"]![0]!["contentBase64"]);
        });

    [Property(MaxTest = 200)]
    public Property Random_bytes_as_a_delivery_never_throw_and_leave_a_bounded_skeleton(byte[] junk, bool withKey) =>
        Prop.ForAll(Arb.From(Chunks()), async chunk =>
        {
            byte[] json = withKey ? [.. "{\"contentBase64\":\""u8.ToArray(), .. junk] : junk;

            await using var documents = await Extract(json, chunk: chunk);

            Assert.True(documents.Skeleton.Length <= json.Length + (16 * documents.Files.Count), $"{documents.Skeleton.Length} bytes of skeleton from {json.Length}");
            Assert.All(documents.Files, f => Assert.Equal(f.Content.Length, f.TooLarge || f.InvalidBase64 ? f.Content.Length : f.Size));
        });
}
