namespace Mouazara.Security;

public static class Roles
{
    public const string Staff = "Mouazara.Staff";
    public const string Finance = "Mouazara.Finance";
}
