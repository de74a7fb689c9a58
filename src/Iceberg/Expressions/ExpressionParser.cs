using System.Globalization;
using System.Text;

namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>
/// A small recursive-descent parser for user filters:
/// <code>
/// expr      := term ('or' term)*
/// term      := factor ('and' factor)*
/// factor    := 'not' factor | '(' expr ')' | 'true' | 'false' | predicate
/// predicate := column ('='|'=='|'!='|'&lt;&gt;'|'&lt;'|'&lt;='|'&gt;'|'&gt;=') literal
///            | column 'is' ['not'] 'null' | column ['not'] 'in' '(' literal (',' literal)* ')'
/// column    := name with letters, digits, '_' and '.' | "quoted" | `quoted`
/// literal   := 'string' (with '' for a quote) | number | true | false | X'hex'
/// </code>
/// Keywords are case-insensitive. Integers become int (or long when too large), other numbers decimal (or
/// double); binding converts them, and strings, to the column type.
/// </summary>
internal sealed class ExpressionParser
{
    private readonly string _text;
    private int _pos;

    private ExpressionParser(string text)
    {
        _text = text;
    }

    private enum Kind
    {
        End,
        Name,
        QuotedName,
        String,
        Number,
        Binary,
        Symbol,
    }

    public static Expression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ExpressionParser(text);
        var result = parser.ParseOr();
        var end = parser.Next();
        return end.Kind == Kind.End ? result : throw parser.Error(end, "'and', 'or' or the end of the filter");
    }

    private Expression ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("or"))
        {
            left = Expression.Or(left, ParseAnd());
        }

        return left;
    }

    private Expression ParseAnd()
    {
        var left = ParseFactor();
        while (TryKeyword("and"))
        {
            left = Expression.And(left, ParseFactor());
        }

        return left;
    }

    private Expression ParseFactor()
    {
        if (TryKeyword("not"))
        {
            return Expression.Not(ParseFactor());
        }

        if (TrySymbol("("))
        {
            var inner = ParseOr();
            Expect(")");
            return inner;
        }

        if (TryKeyword("true"))
        {
            return Expression.True;
        }

        if (TryKeyword("false"))
        {
            return Expression.False;
        }

        var column = Next();
        if (column.Kind is not (Kind.Name or Kind.QuotedName) || (column.Kind == Kind.Name && IsKeyword(column.Text)))
        {
            throw Error(column, "a column name, 'not' or '('");
        }

        if (TryKeyword("is"))
        {
            var negated = TryKeyword("not");
            var nul = Next();
            return nul.Kind == Kind.Name && Is(nul, "null")
                ? (negated ? Expression.NotNull(column.Text) : Expression.IsNull(column.Text))
                : throw Error(nul, "'null'");
        }

        var notIn = TryKeyword("not");
        if (notIn || TryKeyword("in"))
        {
            if (notIn)
            {
                var inToken = Next();
                if (!(inToken.Kind == Kind.Name && Is(inToken, "in")))
                {
                    throw Error(inToken, "'in'");
                }
            }

            Expect("(");
            var values = new List<object> { ParseLiteral() };
            while (TrySymbol(","))
            {
                values.Add(ParseLiteral());
            }

            Expect(")");
            return notIn ? Expression.NotIn(column.Text, [.. values]) : Expression.In(column.Text, [.. values]);
        }

        var op = Next();
        Operation? operation = op.Kind != Kind.Symbol ? null : op.Text switch
        {
            "=" or "==" => Operation.Equal,
            "!=" or "<>" => Operation.NotEqual,
            "<" => Operation.LessThan,
            "<=" => Operation.LessThanOrEqual,
            ">" => Operation.GreaterThan,
            ">=" => Operation.GreaterThanOrEqual,
            _ => null,
        };
        if (operation is null)
        {
            throw Error(op, $"a comparison (=, !=, <, <=, >, >=), 'is' or 'in' after column '{column.Text}'");
        }

        return Expression.Predicate(operation.Value, column.Text, ParseLiteral());
    }

    private object ParseLiteral()
    {
        var t = Next();
        switch (t.Kind)
        {
            case Kind.String:
                return t.Text;
            case Kind.Binary:
                return Convert.FromHexString(t.Text);
            case Kind.Number:
                if (int.TryParse(t.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
                {
                    return i;
                }

                if (long.TryParse(t.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    return l;
                }

                if (decimal.TryParse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && !t.Text.Contains('e', StringComparison.OrdinalIgnoreCase))
                {
                    return m;
                }

                return double.Parse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
            case Kind.Name when Is(t, "true"):
                return true;
            case Kind.Name when Is(t, "false"):
                return false;
            case Kind.Name when Is(t, "null"):
                throw new FormatException($"Filter error at position {t.Start}: null is not a literal; use 'is null' or 'is not null'.");
            default:
                throw Error(t, "a literal ('text', a number, true or false)");
        }
    }

    private bool TryKeyword(string keyword)
    {
        var save = _pos;
        var t = Next();
        if (t.Kind == Kind.Name && Is(t, keyword))
        {
            return true;
        }

        _pos = save;
        return false;
    }

    private bool TrySymbol(string symbol)
    {
        var save = _pos;
        var t = Next();
        if (t.Kind == Kind.Symbol && t.Text == symbol)
        {
            return true;
        }

        _pos = save;
        return false;
    }

    private void Expect(string symbol)
    {
        var save = _pos;
        var t = Next();
        if (t.Kind != Kind.Symbol || t.Text != symbol)
        {
            _pos = save;
            throw Error(t, $"'{symbol}'");
        }
    }

    private static bool Is(Token t, string keyword) => string.Equals(t.Text, keyword, StringComparison.OrdinalIgnoreCase);

    private static bool IsKeyword(string name) =>
        name.ToUpperInvariant() is "AND" or "OR" or "NOT" or "IS" or "IN" or "NULL" or "TRUE" or "FALSE";

    private FormatException Error(Token found, string expected) =>
        new($"Filter error at position {found.Start}: expected {expected} but found "
            + (found.Kind == Kind.End ? "the end of the filter" : $"'{_text[found.Start..found.End]}'") + $" in: {_text}");

    private Token Next()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }

        var start = _pos;
        if (_pos >= _text.Length)
        {
            return new Token(Kind.End, string.Empty, start, start);
        }

        var c = _text[_pos];
        if ((c is 'x' or 'X') && _pos + 1 < _text.Length && _text[_pos + 1] == '\'')
        {
            _pos++;
            var hex = ReadQuoted('\'', start);
            return hex.Length % 2 == 0 && hex.All(char.IsAsciiHexDigit)
                ? new Token(Kind.Binary, hex, start, _pos)
                : throw new FormatException($"Filter error at position {start}: X'...' must hold an even number of hex digits.");
        }

        if (char.IsLetter(c) || c == '_')
        {
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '.'))
            {
                _pos++;
            }

            return new Token(Kind.Name, _text[start.._pos], start, _pos);
        }

        if (char.IsAsciiDigit(c) || (c is '-' or '+' or '.' && _pos + 1 < _text.Length && (char.IsAsciiDigit(_text[_pos + 1]) || _text[_pos + 1] == '.')))
        {
            _pos++;
            while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] is '.' or 'e' or 'E'
                || (_text[_pos] is '-' or '+' && _text[_pos - 1] is 'e' or 'E')))
            {
                _pos++;
            }

            var number = _text[start.._pos];
            return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? new Token(Kind.Number, number, start, _pos)
                : throw new FormatException($"Filter error at position {start}: '{number}' is not a number.");
        }

        switch (c)
        {
            case '\'':
                return new Token(Kind.String, ReadQuoted('\'', start), start, _pos);
            case '"' or '`':
                return new Token(Kind.QuotedName, ReadQuoted(c, start), start, _pos);
            case '(' or ')' or ',':
                _pos++;
                return new Token(Kind.Symbol, c.ToString(), start, _pos);
        }

        foreach (var symbol in (string[])["<=", ">=", "!=", "<>", "==", "=", "<", ">"])
        {
            if (string.CompareOrdinal(_text, _pos, symbol, 0, symbol.Length) == 0)
            {
                _pos += symbol.Length;
                return new Token(Kind.Symbol, symbol, start, _pos);
            }
        }

        throw new FormatException($"Filter error at position {start}: unexpected character '{c}' in: {_text}");
    }

    /// <summary>Reads a quoted run starting at the quote under <see cref="_pos"/>; a doubled quote stands for one.</summary>
    private string ReadQuoted(char quote, int start)
    {
        var sb = new StringBuilder();
        _pos++;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new FormatException($"Filter error at position {start}: unterminated {quote}...{quote} starting here.");
            }

            if (_text[_pos] == quote)
            {
                if (_pos + 1 < _text.Length && _text[_pos + 1] == quote)
                {
                    sb.Append(quote);
                    _pos += 2;
                    continue;
                }

                _pos++;
                return sb.ToString();
            }

            sb.Append(_text[_pos++]);
        }
    }

    private readonly record struct Token(Kind Kind, string Text, int Start, int End);
}
