using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mouazara.Applications;

namespace Mouazara.Documents;

/// <summary>
/// A report's upload link (its stage names the report's number) opens a form of figures and a file, which the
/// disbursement stage owns: the upload endpoint verifies the link and hands such requests over.
/// </summary>
public interface IReportForms
{
    Task<IResult> PageAsync(HttpContext http, ApplicationEntity app, string documentType, int number);

    Task<IResult> SubmitAsync(HttpContext http, DurableTaskClient client, ApplicationEntity app, string documentType, int number);
}
