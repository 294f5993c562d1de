using System.Text.Json.Nodes;
using Mouazara.Applications;
using Mouazara.Kernel;
using Mouazara.Testing;
using Mouazara.Tests.Kernel;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Intake;

/// <summary>The applicant's RIB through the generic webhook: kept as 24 digits when its key is right, refused with nothing written when not.</summary>
public sealed class BankAccountIntakeTests
{
    [Fact]
    public async Task A_RIB_with_a_wrong_key_is_422_naming_applicant_bankAccount_and_writes_nothing()
    {
        var stack = await LocalStack.SharedAsync();
        var edition = LocalStack.NewId("rib");
        await stack.Client.PutEditionAsync(Steps.PatientEdition(edition));
        var rib = RibTests.Make("007", "780", "0001234567890123");
        var wrongKey = rib[..22] + ((int.Parse(rib[22..], System.Globalization.CultureInfo.InvariantCulture) % 97) + 1).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        var submissionId = LocalStack.NewId("sub");
        var body = TestSubmissions.Build(edition, submissionId, TestSubmissions.AllAssociationDocuments);
        body["applicant"]!["bankAccount"] = wrongKey;

        using var response = await stack.Client.SubmitAsync(TestSubmissions.Bytes(body));

        var problem = await Problem.AssertInvalidAsync(response, "applicant.bankAccount");
        Assert.Equal(Rib.KeyError, problem["errors"]!["applicant.bankAccount"]![0]!.GetValue<string>());
        await Steps.AssertNothingWrittenAsync(stack.Client, edition, ApplicationIds.For("generic", submissionId));
    }

    [Fact]
    public async Task A_RIB_with_spaces_is_kept_as_24_digits_and_one_without_is_null()
    {
        var stack = await LocalStack.SharedAsync();
        var edition = LocalStack.NewId("rib");
        await stack.Client.PutEditionAsync(Steps.PatientEdition(edition));
        var rib = RibTests.Make("190", "810", "0123456789012345");
        var body = TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments);
        body["applicant"]!["bankAccount"] = $"{rib[..3]} {rib[3..6]} {rib[6..14]} {rib[14..22]} {rib[22..]}";
        var withRib = await stack.Client.SubmitAcceptedAsync(body);
        var withoutRib = await stack.Client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));

        Assert.Equal(rib, (await stack.Client.ApplicationAsync(withRib))["applicant"]!["bankAccount"]!.GetValue<string>());
        Assert.Null((await stack.Client.ApplicationAsync(withoutRib))["applicant"]!["bankAccount"]);
    }
}
