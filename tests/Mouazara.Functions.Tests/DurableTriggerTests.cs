using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Mouazara.Functions.Http;
using Mouazara.Functions.Tests.Support;

namespace Mouazara.Functions.Tests;

/// <summary>
/// The orchestrator and activity triggers are written by hand; these hold them to <see cref="MouazaraTasks"/>, the list
/// the local host registers, both in the compiled Functions assembly and in the metadata the Worker SDK generated from it.
/// </summary>
public class DurableTriggerTests
{
    sealed record FunctionMethod(string Name, MethodInfo Method)
    {
        public ParameterInfo? TriggerOf<TAttribute>()
            where TAttribute : Attribute =>
            Method.GetParameters().SingleOrDefault(p => p.GetCustomAttribute<TAttribute>() is not null);

        public override string ToString() => $"{Name} ({Method.DeclaringType?.Name}.{Method.Name})";
    }

    static readonly IReadOnlyList<FunctionMethod> Functions = typeof(ApiFunctions).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
        .Where(x => x.Function is not null)
        .Select(x => new FunctionMethod(x.Function!.Name, x.Method))
        .ToList();

    static IEnumerable<FunctionMethod> WithTrigger<TAttribute>()
        where TAttribute : Attribute => Functions.Where(f => f.TriggerOf<TAttribute>() is not null);

    static Type BaseOf(Type type, Type openGeneric)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == openGeneric)
            {
                return t;
            }
        }

        throw new InvalidOperationException($"{type.Name} does not derive from {openGeneric.Name}.");
    }

    public static TheoryData<Type> Orchestrators() => [.. MouazaraTasks.Orchestrators];

    public static TheoryData<Type> Activities() => [.. MouazaraTasks.Activities];

    [Theory]
    [MemberData(nameof(Orchestrators))]
    public void Every_orchestrator_has_exactly_one_orchestration_trigger_named_after_it(Type orchestrator)
    {
        var function = Assert.Single(Functions, f => f.Name == orchestrator.Name);
        var trigger = function.TriggerOf<OrchestrationTriggerAttribute>();
        Assert.True(trigger is not null, $"{function} has no [OrchestrationTrigger] parameter.");
        Assert.Equal(typeof(TaskOrchestrationContext), trigger.ParameterType);
        var output = BaseOf(orchestrator, typeof(TaskOrchestrator<,>)).GetGenericArguments()[1];
        Assert.Equal(typeof(Task<>).MakeGenericType(output), function.Method.ReturnType);
    }

    [Theory]
    [MemberData(nameof(Activities))]
    public void Every_activity_has_exactly_one_activity_trigger_named_after_it_taking_its_input_and_returning_its_output(Type activity)
    {
        var function = Assert.Single(Functions, f => f.Name == activity.Name);
        var trigger = function.TriggerOf<ActivityTriggerAttribute>();
        Assert.True(trigger is not null, $"{function} has no [ActivityTrigger] parameter.");
        var types = BaseOf(activity, typeof(TaskActivity<,>)).GetGenericArguments();
        Assert.Equal(types[0], trigger.ParameterType);
        Assert.Equal(typeof(Task<>).MakeGenericType(types[1]), function.Method.ReturnType);
    }

    [Fact]
    public void There_is_no_durable_trigger_for_a_task_the_product_does_not_register()
    {
        Assert.Equal(MouazaraTasks.Orchestrators.Select(t => t.Name).Order(), WithTrigger<OrchestrationTriggerAttribute>().Select(f => f.Name).Order());
        Assert.Equal(MouazaraTasks.Activities.Select(t => t.Name).Order(), WithTrigger<ActivityTriggerAttribute>().Select(f => f.Name).Order());
        Assert.Empty(WithTrigger<EntityTriggerAttribute>());
    }

    [Fact]
    public void Function_names_are_unique()
    {
        Assert.Empty(Functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void The_generated_metadata_lists_every_orchestrator_and_activity_with_its_trigger_binding_and_no_other()
    {
        Assert.Equal(MouazaraTasks.Orchestrators.Select(t => t.Name).Order(), FunctionsMetadata.WithTrigger("orchestrationTrigger").Select(f => f.Name).Order());
        Assert.Equal(MouazaraTasks.Activities.Select(t => t.Name).Order(), FunctionsMetadata.WithTrigger("activityTrigger").Select(f => f.Name).Order());
        Assert.Empty(FunctionsMetadata.WithTrigger("entityTrigger"));
    }

    [Fact]
    public void The_generated_metadata_describes_exactly_the_functions_compiled_into_the_app()
    {
        // A stale functions.metadata (another configuration, an old build) would make the parity tests lie.
        Assert.Equal(Functions.Select(f => f.Name).Order(), FunctionsMetadata.Functions.Select(f => f.Name).Order());
        Assert.All(FunctionsMetadata.Functions, f =>
        {
            var method = Functions.Single(m => m.Name == f.Name).Method;
            Assert.Equal($"{method.DeclaringType!.FullName}.{method.Name}", f.EntryPoint);
        });
    }

    [Fact]
    public void The_task_hub_name_comes_from_an_app_setting_the_functions_host_can_resolve()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.FunctionsOutput, "host.json")));
        var hubName = host.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("hubName").GetString()!;
        Assert.StartsWith("%", hubName, StringComparison.Ordinal);
        Assert.EndsWith("%", hubName, StringComparison.Ordinal);
        var setting = hubName.Trim('%');
        // The host looks %name% up in its configuration, where an app setting "A__B" is the key "A:B"; "A__B" itself is never found.
        Assert.DoesNotContain("__", setting, StringComparison.Ordinal);
        Assert.True(Repo.SampleSettings().TryGetValue(setting, out var value) && !string.IsNullOrWhiteSpace(value),
            $"local.settings.sample.json has no value for {setting}.");
    }
}
