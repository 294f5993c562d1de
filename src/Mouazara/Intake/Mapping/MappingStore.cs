using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mouazara.Kernel;

namespace Mouazara.Intake.Mapping;

/// <summary>
/// The mapping files of <see cref="IntakeOptions.MappingsPath"/>, read again whenever the folder changes, so a
/// mapping fixed on disk (or by a deployment) is what the next re-processing uses. A file that does not parse
/// or check is reported against the forms it would have mapped, never half-used.
/// </summary>
public sealed partial class MappingStore(IOptions<IntakeOptions> options, ILogger<MappingStore> logger)
{
    readonly Lock gate = new();
    Catalog? catalog;

    sealed record Catalog(string Signature, Dictionary<(string Provider, string Form), List<FormMapping>> Forms, List<string> Broken);

    /// <summary>The one mapping of a provider's form, or why there is none.</summary>
    public (FormMapping? Mapping, string? Problem) Find(string provider, string? formId)
    {
        var current = Load();
        if (string.IsNullOrWhiteSpace(formId))
        {
            return (null, "The delivery does not name its form, so no mapping can be chosen.");
        }

        if (!current.Forms.TryGetValue((provider, formId), out var mappings))
        {
            var broken = current.Broken.Count == 0 ? "" : " Some mapping files could not be read: " + string.Join(" ", current.Broken);
            return (null, $"No mapping reads {provider} form '{Truncate(formId)}'. Add its id to the forms of a mapping file in {options.Value.MappingsPath}.{broken}");
        }

        return mappings.Count == 1
            ? (mappings[0], null)
            : (null, $"Several mapping files read {provider} form '{Truncate(formId)}': {string.Join(", ", mappings.Select(m => m.File))}. Keep one.");
    }

    /// <summary>The folder the mappings are read from, resolved against the working directory and the app's own folder.</summary>
    public string? Folder() => Resolve(options.Value.MappingsPath);

    Catalog Load()
    {
        var folder = Folder();
        var files = folder is null ? [] : Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToArray();
        var signature = string.Join("|", files.Select(f => f + ":" + File.GetLastWriteTimeUtc(f).Ticks + ":" + new FileInfo(f).Length));
        lock (gate)
        {
            if (catalog?.Signature == signature)
            {
                return catalog;
            }
        }

        var forms = new Dictionary<(string, string), List<FormMapping>>();
        var broken = new List<string>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            FormMapping? mapping;
            try
            {
                mapping = JsonSerializer.Deserialize<FormMapping>(File.ReadAllBytes(file), Json.Options);
            }
            catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
            {
                broken.Add($"{name}: {e.Message}");
                LogBroken(logger, name, e.Message);
                continue;
            }

            var problems = mapping is null ? ["empty file"] : MappedFields.Check(mapping);
            if (problems.Count > 0)
            {
                broken.Add($"{name}: {string.Join(" ", problems)}");
                LogBroken(logger, name, string.Join(" ", problems));
                continue;
            }

            foreach (var form in mapping!.Forms)
            {
                var key = (mapping.Provider, form.Trim());
                if (!forms.TryGetValue(key, out var list))
                {
                    forms[key] = list = [];
                }

                list.Add(mapping with { File = name });
            }
        }

        var loaded = new Catalog(signature, forms, broken);
        lock (gate)
        {
            catalog = loaded;
        }

        return loaded;
    }

    static string? Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return Directory.Exists(path) ? path : null;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, path);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    static string Truncate(string text) => text.Length <= 60 ? text : text[..60] + "…";

    [LoggerMessage(LogLevel.Warning, "Mapping file {File} was not loaded: {Problem}")]
    static partial void LogBroken(ILogger logger, string file, string problem);
}
