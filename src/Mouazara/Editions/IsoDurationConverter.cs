using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace Mouazara.Editions;

/// <summary>Durations as ISO 8601 ("P14D", "PT30S"), the form staff read and write in an edition file.</summary>
public sealed class IsoDurationConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        try
        {
            var value = XmlConvert.ToTimeSpan(text ?? "");
            return value < TimeSpan.Zero ? throw new JsonException("A duration cannot be negative.") : value;
        }
        catch (FormatException e)
        {
            throw new JsonException($"'{text}' is not an ISO 8601 duration such as P14D or PT30S.", e);
        }
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(XmlConvert.ToString(value));
}
