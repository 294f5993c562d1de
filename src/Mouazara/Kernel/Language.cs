namespace Mouazara.Kernel;

public enum Language
{
    Ar,
    Fr,
}
