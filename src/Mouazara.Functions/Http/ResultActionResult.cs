using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Mouazara.Functions.Http;

/// <summary>The Functions ASP.NET Core integration renders an <see cref="IActionResult"/>; the library answers with an <see cref="IResult"/>.</summary>
sealed class ResultActionResult(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
