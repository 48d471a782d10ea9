using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Triage.Tests.Security;

/// <summary>One piece of SQL text that is built from something other than string literals.</summary>
/// <param name="Spliced">The expression spliced into the SQL, as written.</param>
public sealed record SqlSplice(string File, int Line, string Spliced);

/// <summary>
/// Finds SQL built by interpolation or concatenation, wherever it is built (at a Dapper call, into a local, into
/// a field), by parsing the C# rather than matching text. A splice is harmless when it is a literal, a
/// <c>nameof</c>, or a name that some source file declares <c>const</c>; anything else is reported, and the
/// test decides whether it is one of the few known to splice only constants.
/// </summary>
public static partial class SqlTextScanner
{
    public static IReadOnlyList<SqlSplice> Scan(IEnumerable<(string File, string Source)> files)
    {
        var trees = files.Select(f => (f.File, Tree: CSharpSyntaxTree.ParseText(f.Source))).ToList();
        var constants = trees.SelectMany(t => t.Tree.GetRoot().DescendantNodes())
            .SelectMany(n => n switch
            {
                FieldDeclarationSyntax field when field.Modifiers.Any(SyntaxKind.ConstKeyword) => field.Declaration.Variables.Select(v => v.Identifier.Text),
                LocalDeclarationStatementSyntax local when local.IsConst => local.Declaration.Variables.Select(v => v.Identifier.Text),
                _ => [],
            })
            .ToHashSet(StringComparer.Ordinal);

        var found = new List<SqlSplice>();
        foreach (var (file, tree) in trees)
        {
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                switch (node)
                {
                    case InterpolatedStringExpressionSyntax interpolated when LooksLikeSql(string.Concat(interpolated.Contents.OfType<InterpolatedStringTextSyntax>().Select(t => t.TextToken.ValueText))):
                        foreach (var hole in interpolated.Contents.OfType<InterpolationSyntax>())
                            if (!IsConstant(hole.Expression, constants)) found.Add(At(file, hole.Expression));
                        break;
                    // The outermost + of a chain: "SELECT ... " + x + " ...".
                    case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression) && !binary.Parent.IsKind(SyntaxKind.AddExpression):
                        var operands = Flatten(binary).ToList();
                        if (!LooksLikeSql(string.Concat(operands.OfType<LiteralExpressionSyntax>().Select(l => l.Token.ValueText)))) break;
                        foreach (var operand in operands)
                            if (operand is not (LiteralExpressionSyntax or InterpolatedStringExpressionSyntax) && !IsConstant(operand, constants))
                                found.Add(At(file, operand));
                        break;
                }
            }
        }
        return found;
    }

    /// <summary>Two SQL keywords, in the upper case the desk writes them in, make a string SQL.</summary>
    public static bool LooksLikeSql(string text) =>
        SqlKeyword().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal).Count() >= 2;

    private static IEnumerable<ExpressionSyntax> Flatten(ExpressionSyntax expression) => expression switch
    {
        BinaryExpressionSyntax b when b.IsKind(SyntaxKind.AddExpression) => Flatten(b.Left).Concat(Flatten(b.Right)),
        ParenthesizedExpressionSyntax p => Flatten(p.Expression),
        _ => [expression],
    };

    private static readonly HashSet<string> DialectMethods = typeof(Triage.Server.Data.Dialect)
        .GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(m => m.ReturnType == typeof(string)).Select(m => m.Name).ToHashSet();

    private static bool IsConstant(ExpressionSyntax expression, HashSet<string> constants) => expression switch
    {
        LiteralExpressionSyntax => true,
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "nameof" } } => true,
        // connection.InList("@ids"): Dialect picks one of two fixed texts around the fragments it is given.
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax dialect } call when DialectMethods.Contains(dialect.Name.Identifier.Text) =>
            call.ArgumentList.Arguments.All(a => IsConstant(a.Expression, constants)),
        IdentifierNameSyntax name => constants.Contains(name.Identifier.Text),
        MemberAccessExpressionSyntax member => constants.Contains(member.Name.Identifier.Text),
        ParenthesizedExpressionSyntax p => IsConstant(p.Expression, constants),
        // "x ? "" : " AND a = @a"": the condition picks a fragment; it is never spliced itself.
        ConditionalExpressionSyntax c => IsConstant(c.WhenTrue, constants) && IsConstant(c.WhenFalse, constants),
        BinaryExpressionSyntax b => IsConstant(b.Left, constants) && IsConstant(b.Right, constants),
        _ => false,
    };

    /// <summary>
    /// The argument at <paramref name="index"/> of every call to <c>Type.Method(...)</c>, for the helpers that take a SQL
    /// fragment from their callers: each such argument must be a literal for the helper's splice to be constant.
    /// </summary>
    public static IReadOnlyList<(SqlSplice Call, bool Literal)> FragmentArguments(IEnumerable<(string File, string Source)> files, string type, string method, int index)
    {
        var found = new List<(SqlSplice, bool)>();
        foreach (var (file, source) in files)
        {
            foreach (var call in CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (call.Expression is not MemberAccessExpressionSyntax member || member.Name.Identifier.Text != method ||
                    member.Expression.ToString() != type || call.ArgumentList.Arguments.Count <= index) continue;
                var argument = call.ArgumentList.Arguments[index].Expression;
                found.Add((At(file, argument), argument is LiteralExpressionSyntax));
            }
        }
        return found;
    }

    private static SqlSplice At(string file, SyntaxNode node) =>
        new(file, node.GetLocation().GetLineSpan().StartLinePosition.Line + 1, node.ToString());

    [GeneratedRegex(@"\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|FROM|WHERE|JOIN|VALUES|SET|ORDER BY|GROUP BY|LIMIT|UNION)\b")]
    private static partial Regex SqlKeyword();
}
