using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.Localization;
using Triage.Client.Pipeline;
using Triage.Client.Resources;

namespace Triage.Server.Pipeline;

/// <summary>
/// Runs the DataAnnotations rules declared on the request and answers every broken one at once,
/// each message localized from its resource key, keyed by the camelCase field name.
/// </summary>
public sealed class ValidationBehavior<TRequest, TResult>(IStringLocalizer<Strings> localizer) : IPipelineBehavior<TRequest, TResult>
    where TRequest : notnull
{
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, ValidationAttribute[] Rules)[]> Rules = new();

    public Task<TResult> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResult> next)
    {
        var errors = new Dictionary<string, List<string>>();
        foreach (var (property, rules) in Rules.GetOrAdd(typeof(TRequest), Discover))
        {
            var value = property.GetValue(request);
            foreach (var rule in rules)
            {
                if (rule.IsValid(value)) continue;
                Add(errors, property.Name, Message(rule));
                break;
            }
        }
        if (request is IValidatableObject validatable)
        {
            // Cross-field rules run too, so every broken field is answered at once; a field that
            // already failed its own rule keeps that one message.
            var failed = errors.Keys.ToHashSet();
            foreach (var result in validatable.Validate(new ValidationContext(request)))
                foreach (var member in result.MemberNames.DefaultIfEmpty(""))
                    if (!failed.Contains(JsonNamingPolicy.CamelCase.ConvertName(member)))
                        Add(errors, member, localizer[result.ErrorMessage ?? FieldRules.Required]);
        }
        if (errors.Count > 0)
            throw new ValidationFailedException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        return next();
    }

    private string Message(ValidationAttribute rule)
    {
        var key = rule.ErrorMessage ?? FieldRules.Required;
        return rule switch
        {
            StringLengthAttribute length => localizer[key, length.MaximumLength],
            MaxLengthAttribute length => localizer[key, length.Length],
            RangeAttribute range => localizer[key, range.Minimum, range.Maximum],
            _ => localizer[key],
        };
    }

    private static void Add(Dictionary<string, List<string>> errors, string member, string message)
    {
        var key = JsonNamingPolicy.CamelCase.ConvertName(member);
        if (!errors.TryGetValue(key, out var list)) errors[key] = list = [];
        if (!list.Contains(message)) list.Add(message);
    }

    private static (PropertyInfo, ValidationAttribute[])[] Discover(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (p, p.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray()))
            .Where(x => x.Item2.Length > 0)
            .ToArray();
}
