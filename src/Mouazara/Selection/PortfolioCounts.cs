namespace Mouazara.Selection;

/// <summary>
/// The counts a portfolio's targets depend on, and the shortfall of each target, in projects. The same arithmetic as
/// the model's constraints (integers, shares in basis points), so that what the proposal reports and what the
/// reasons claim is exactly what the solver optimised:
/// <list type="bullet">
/// <item>a share minimum (women-led, rural): the smallest k ≥ 0 with 10000·(count + k) ≥ bp·N — how many more of
/// the N selected would have to be women-led (or rural);</item>
/// <item>a region: max(0, PerRegionMin − count);</item>
/// <item>a sector: max(0, count − max(1, ⌊bp·N / 10000⌋)) — projects over the cap; a sector's first project is always
/// allowed, since with fewer than 1/cap projects any single one would exceed the share.</item>
/// </list>
/// </summary>
sealed class PortfolioCounts
{
    readonly PreparedSelection p;

    public PortfolioCounts(PreparedSelection prepared)
    {
        p = prepared;
        Region = new int[prepared.Regions.Length];
        Sector = new int[prepared.Sectors.Length];
    }

    public int Selected { get; private set; }
    public int Women { get; private set; }
    public int Rural { get; private set; }
    public int[] Region { get; }
    public int[] Sector { get; }

    public static PortfolioCounts Of(PreparedSelection prepared, int[] funderOf)
    {
        var counts = new PortfolioCounts(prepared);
        for (var i = 0; i < funderOf.Length; i++)
        {
            if (funderOf[i] >= 0)
            {
                counts.Add(i);
            }
        }

        return counts;
    }

    public void Add(int i) => Change(i, +1);

    public void Remove(int i) => Change(i, -1);

    void Change(int i, int by)
    {
        var c = p.Candidates[i];
        Selected += by;
        Women += c.WomenLed ? by : 0;
        Rural += c.Rural ? by : 0;
        if (p.RegionOf[i] >= 0)
        {
            Region[p.RegionOf[i]] += by;
        }

        Sector[p.SectorOf[i]] += by;
    }

    public static int ShareShortfall(int count, int selected, int bp) =>
        (int)Math.Max(0, CeilDiv((long)bp * selected - (long)PreparedSelection.BasisPoints * count, PreparedSelection.BasisPoints));

    public static int SectorAllowed(int selected, int capBp) =>
        (int)Math.Max(1, (long)capBp * selected / PreparedSelection.BasisPoints);

    public int WomenShortfall => ShareShortfall(Women, Selected, p.WomenBp);

    public int RuralShortfall => ShareShortfall(Rural, Selected, p.RuralBp);

    public int RegionShortfall(int r) => Math.Max(0, p.PerRegionMin - Region[r]);

    public int SectorExcess(int s) => Math.Max(0, Sector[s] - SectorAllowed(Selected, p.CapBp));

    public int Total()
    {
        var total = WomenShortfall + RuralShortfall;
        for (var r = 0; r < Region.Length; r++)
        {
            total += RegionShortfall(r);
        }

        for (var s = 0; s < Sector.Length; s++)
        {
            total += SectorExcess(s);
        }

        return total;
    }

    static long CeilDiv(long a, long b) => a >= 0 ? (a + b - 1) / b : -(-a / b);
}
