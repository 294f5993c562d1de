namespace Mouazara.Security;

/// <summary>What a signed link lets its holder do.</summary>
public static class LinkPurposes
{
    public const string Upload = "upload";
    public const string Status = "status";
    public const string Review = "review";
    public const string Download = "download";
    public const string Revision = "revision";
    public const string Reviewer = "reviewer";
}
