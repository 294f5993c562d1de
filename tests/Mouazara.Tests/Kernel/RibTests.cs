using System.Globalization;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mouazara.Intake;
using Mouazara.Kernel;

namespace Mouazara.Tests.Kernel;

/// <summary>The Moroccan RIB: 24 digits whose last two are the key 97 - (bank·city·account × 100 mod 97).</summary>
public sealed class RibTests
{
    /// <summary>A valid RIB made here from the formula, independently of the product's code (a big integer, not digit by digit).</summary>
    internal static string Make(string bank, string city, string account)
    {
        var first22 = bank + city + account;
        var key = 97 - (int)(BigInteger.Parse(first22, CultureInfo.InvariantCulture) * 100 % 97);
        return first22 + key.ToString("D2", CultureInfo.InvariantCulture);
    }

    static string WithKey(string rib, int key) => rib[..22] + key.ToString("D2", CultureInfo.InvariantCulture);

    [Fact]
    public void A_RIB_built_from_the_formula_is_accepted_and_kept_as_24_digits()
    {
        var rib = Make("007", "780", "0001234567890123");

        Assert.True(Rib.TryNormalize(rib, out var normalized, out var error), error);
        Assert.Equal(rib, normalized);
        Assert.Matches("^[0-9]{24}$", normalized);
    }

    [Fact]
    public void Spaces_as_a_bank_certificate_prints_them_are_allowed_and_dropped()
    {
        var rib = Make("230", "810", "2112345678901234");
        var spaced = $"{rib[..3]} {rib[3..6]} {rib[6..22]} {rib[22..]}";

        Assert.True(Rib.TryNormalize(spaced, out var normalized, out _));
        Assert.Equal(rib, normalized);
    }

    [Fact]
    public void A_wrong_key_is_refused_with_the_key_message()
    {
        var rib = Make("007", "780", "0001234567890123");
        var wrong = WithKey(rib, (int.Parse(rib[22..], CultureInfo.InvariantCulture) % 97) + 1);

        Assert.False(Rib.TryNormalize(wrong, out var normalized, out var error));
        Assert.Equal("", normalized);
        Assert.Equal(Rib.KeyError, error);
    }

    [Theory]
    [InlineData("00778000012345678901234")]
    [InlineData("0077800001234567890123456")]
    [InlineData("00778000012345678901234A")]
    [InlineData("007-780-0001234567890123-45")]
    [InlineData("")]
    public void Anything_but_24_digits_is_refused_with_the_format_message(string input)
    {
        Assert.False(Rib.TryNormalize(input, out _, out var error));
        Assert.Equal(Rib.FormatError, error);
    }

    /// <summary>The key catches every single wrong digit: 10^k is never a multiple of 97.</summary>
    [Property(MaxTest = 200)]
    public Property Changing_any_one_digit_of_a_valid_RIB_makes_it_invalid()
    {
        var cases = Gen.Zip(Gen.ArrayOf(Gen.Elements("0123456789".ToCharArray()), 22).Select(d => new string(d)),
            Gen.Zip(Gen.Choose(0, 23), Gen.Choose(1, 9)));
        return Prop.ForAll(Arb.From(cases), input =>
        {
            var (first22, (position, shift)) = input;
            var rib = Make(first22[..3], first22[3..6], first22[6..]);
            var changed = rib.ToCharArray();
            changed[position] = (char)('0' + ((changed[position] - '0' + shift) % 10));
            return Rib.TryNormalize(rib, out _, out _) && !Rib.TryNormalize(new string(changed), out _, out _);
        });
    }

    static GenericSubmission Submission(string? bankAccount) => new()
    {
        SubmissionId = "sub-rib",
        Edition = "demo",
        Language = "fr",
        Applicant = new GenericApplicant
        {
            Type = "cooperative",
            Name = "تعاونية الأمل",
            RegistrationNumber = "COOP-1",
            Region = "MA-04",
            Commune = "Oujda",
            Rural = false,
            Email = "amal@example.org",
            Phone = "+212600000001",
            Representative = new GenericRepresentative { Name = "Fatima", Gender = "female", Role = "Présidente" },
            BankAccount = bankAccount,
        },
        Project = new GenericProject
        {
            Title = "Atelier", Sector = "handicrafts", Summary = "Un atelier.", RequestedAmount = 40_000m, TotalBudget = 50_000m,
            WomenLed = true, YouthLed = false, JobsCreated = 2, JobsMaintained = 3,
        },
    };

    [Fact]
    public void The_validator_stores_the_RIB_as_24_digits_and_accepts_none()
    {
        var rib = Make("145", "450", "0000012345678901");

        var (spaced, errors) = SubmissionValidator.Validate(Submission($" {rib[..6]} {rib[6..]} "));
        Assert.Empty(errors);
        Assert.Equal(rib, spaced!.Applicant.BankAccount);

        var (none, noErrors) = SubmissionValidator.Validate(Submission(null));
        Assert.Empty(noErrors);
        Assert.Null(none!.Applicant.BankAccount);
    }

    [Fact]
    public void The_validator_names_applicant_bankAccount_for_a_wrong_key_or_format()
    {
        var rib = Make("145", "450", "0000012345678901");
        foreach (var (input, message) in new[] { (WithKey(rib, (int.Parse(rib[22..], CultureInfo.InvariantCulture) % 97) + 1), Rib.KeyError), ("12345", Rib.FormatError) })
        {
            var (submission, errors) = SubmissionValidator.Validate(Submission(input));
            Assert.Null(submission);
            Assert.Equal([message], errors["applicant.bankAccount"]);
            Assert.Single(errors);
        }
    }
}
