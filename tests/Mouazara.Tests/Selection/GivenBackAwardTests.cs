using Mouazara.Applications;
using Mouazara.Selection;

namespace Mouazara.Tests.Selection;

/// <summary>
/// Which awards a promotion counts as given back: the lifecycle hands the money back before it records the final
/// status, so an award whose unpaid tranches are cancelled is over even while its row still shows the old status.
/// </summary>
public sealed class GivenBackAwardTests
{
    [Theory]
    [InlineData("withdrawn", 0, true)]
    [InlineData("award-lapsed", 0, true)]
    [InlineData("awaiting-signature", 4_500_000, true)]
    [InlineData("disbursing", 1_800_000, true)]
    [InlineData("awaiting-signature", 0, false)]
    [InlineData("disbursing", 0, false)]
    public void An_award_is_given_back_once_withdrawn_or_lapsed_or_once_its_unpaid_tranches_are_cancelled(string status, long returnedCentimes, bool givenBack) =>
        Assert.Equal(givenBack, ProposePromotion.HasGivenBack(new ApplicationEntity { Status = status, ReturnedCentimes = returnedCentimes }));
}
