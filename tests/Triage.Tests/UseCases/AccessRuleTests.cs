using MediatR;
using Triage.Client.Pipeline;
using Triage.Server.Pipeline;

namespace Triage.Tests.UseCases;

public sealed class AccessRuleTests
{
    internal static IEnumerable<Type> RequestTypes() =>
        typeof(Role).Assembly.GetTypes().Where(t => !t.IsAbstract && t.GetInterfaces().Any(i =>
            i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)));

    [Fact]
    public void Every_request_type_declares_who_may_send_it()
    {
        var undeclared = RequestTypes().Where(t =>
        {
            try { AccessRule.For(t); return false; }
            catch (InvalidOperationException) { return true; }
        }).Select(t => t.Name).ToList();

        Assert.Empty(undeclared);
    }

    [Fact]
    public void Every_request_type_has_exactly_one_handler()
    {
        var handled = typeof(Program).Assembly.GetTypes()
            .Where(t => !t.IsAbstract)
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
            .GroupBy(i => i.GetGenericArguments()[0])
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.All(RequestTypes(), t => Assert.Equal(1, handled.GetValueOrDefault(t)));
    }

    [Fact]
    public void A_request_without_a_declared_rule_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => AccessRule.For(typeof(Undeclared)));
    }

    private sealed record Undeclared : IRequest<int>;
}
