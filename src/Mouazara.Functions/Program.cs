using Microsoft.Extensions.Hosting;
using Mouazara;

// The Azure Functions isolated worker, with ASP.NET Core integration so the library's HTTP handlers see a real HttpContext.
var host = new HostBuilder()
    .ConfigureFunctionsWebApplication()
    // Everything the product needs, exactly as the local host registers it; the functions in Http/ and Durable/ only adapt.
    .ConfigureServices((context, services) => services.AddMouazara(context.Configuration))
    .Build();

host.Run();
