using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SigmoidGen.Generator.Parsing;

/// <summary>
/// A strict JSON reader for the one document the generator reads, a safetensors header: RFC 8259 (no comments, no
/// trailing commas, no leading zeros, escapes checked, unpaired surrogates rejected), nested at most
/// <see cref="MaxDepth"/> deep as the runtime's <c>Utf8JsonReader</c> is set up. Written here rather than taken from
/// System.Text.Json so that the generator, a netstandard2.0 analyzer, loads in every compiler host (the build server,
/// Visual Studio on .NET Framework, other IDEs) with no assembly beside it. It never throws out: every fault is a
/// <see cref="HeaderJsonException"/> that the caller turns into a diagnostic.
/// </summary>
internal ref struct HeaderJson
{
    /// <summary>As the runtime's reader: the header object, a tensor object and its arrays fit in 3; 8 leaves room for metadata.</summary>
    public const int MaxDepth = 8;

    private readonly string _text;
    private int _position;

    public HeaderJson(string text)
    {
        _text = text;
        _position = 0;
    }

    /// <summary>Whether only whitespace is left.</summary>
    public bool AtEnd
    {
        get
        {
            SkipWhitespace();
            return _position == _text.Length;
        }
    }

    /// <summary>Reads the next non-whitespace character, which must be <paramref name="expected"/>.</summary>
    public void Expect(char expected)
    {
        if (Peek() != expected)
        {
            throw Fail($"expected '{expected}'");
        }

        _position++;
    }

    /// <summary>The next non-whitespace character, not consumed ('\0' at the end).</summary>
    public char Peek()
    {
        SkipWhitespace();
        return _position < _text.Length ? _text[_position] : '\0';
    }

    /// <summary>
    /// In an object after its '{' or a member: false and the '}' consumed at its end, else true with the separator
    /// consumed and the next member's name returned (its ':' consumed too).
    /// </summary>
    public bool NextMember(ref bool first, out string name)
    {
        name = string.Empty;
        if (Peek() == '}')
        {
            _position++;
            return false;
        }

        if (!first)
        {
            Expect(',');
        }

        first = false;
        name = ReadString();
        Expect(':');
        return true;
    }

    /// <summary>In an array after its '[' or an element: false and the ']' consumed at its end, else true with any ',' consumed.</summary>
    public bool NextElement(ref bool first)
    {
        if (Peek() == ']')
        {
            _position++;
            return false;
        }

        if (!first)
        {
            Expect(',');
        }

        first = false;
        return true;
    }

    public string ReadString()
    {
        Expect('"');
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Fail("a string is not closed");
            }

            char c = _text[_position++];
            if (c == '"')
            {
                return value.ToString();
            }

            if (c < ' ')
            {
                throw Fail("a control character inside a string");
            }

            if (char.IsSurrogate(c))
            {
                // From valid UTF-8 surrogates come in pairs; check anyway.
                if (!char.IsHighSurrogate(c) || _position >= _text.Length || !char.IsLowSurrogate(_text[_position]))
                {
                    throw Fail("an unpaired surrogate inside a string");
                }

                value.Append(c).Append(_text[_position++]);
                continue;
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            char escape = _position < _text.Length ? _text[_position++] : '\0';
            switch (escape)
            {
                case '"': value.Append('"'); break;
                case '\\': value.Append('\\'); break;
                case '/': value.Append('/'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'u':
                    char unit = ReadHex4();
                    if (char.IsHighSurrogate(unit))
                    {
                        if (_position + 1 < _text.Length && _text[_position] == '\\' && _text[_position + 1] == 'u')
                        {
                            _position += 2;
                            char low = ReadHex4();
                            if (!char.IsLowSurrogate(low))
                            {
                                throw Fail("an unpaired surrogate escape inside a string");
                            }

                            value.Append(unit).Append(low);
                            break;
                        }

                        throw Fail("an unpaired surrogate escape inside a string");
                    }

                    if (char.IsLowSurrogate(unit))
                    {
                        throw Fail("an unpaired surrogate escape inside a string");
                    }

                    value.Append(unit);
                    break;
                default:
                    throw Fail("an invalid escape inside a string");
            }
        }
    }

    /// <summary>
    /// A non-negative integer below 2^53 written without fraction or exponent (what the runtime accepts for shapes and
    /// offsets), or a fault naming <paramref name="what"/>.
    /// </summary>
    public long ReadInteger(string what)
    {
        int start = SkipNumber();
        string token = _text.Substring(start, _position - start);
        if (token.IndexOfAny(new[] { '.', 'e', 'E' }) >= 0 ||
            !long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) ||
            value < 0 || value >= 1L << 53)
        {
            throw new HeaderJsonException($"{what} is not a list of non-negative integers below 2^53");
        }

        return value;
    }

    /// <summary>Skips one value of any kind, checking its syntax.</summary>
    public void SkipValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Fail($"nested more than {MaxDepth} deep");
        }

        char c = Peek();
        bool first = true;
        switch (c)
        {
            case '{':
                _position++;
                while (NextMember(ref first, out _))
                {
                    SkipValue(depth + 1);
                }

                break;
            case '[':
                _position++;
                while (NextElement(ref first))
                {
                    SkipValue(depth + 1);
                }

                break;
            case '"':
                ReadString();
                break;
            case 't':
                Literal("true");
                break;
            case 'f':
                Literal("false");
                break;
            case 'n':
                Literal("null");
                break;
            default:
                SkipNumber();
                break;
        }
    }

    /// <summary>A fault at the current position.</summary>
    public HeaderJsonException Fail(string what) =>
        new($"the header is not valid JSON: {what} at character {_position.ToString(CultureInfo.InvariantCulture)}");

    private void Literal(string word)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
        {
            throw Fail("an unknown literal");
        }

        _position += word.Length;
    }

    /// <summary>Checks a number's syntax (-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?), moves past it, returns where it began.</summary>
    private int SkipNumber()
    {
        SkipWhitespace();
        int start = _position;
        if (At('-'))
        {
            _position++;
        }

        if (At('0'))
        {
            _position++;
        }
        else if (!Digits())
        {
            throw Fail("expected a value");
        }

        if (At('.'))
        {
            _position++;
            if (!Digits())
            {
                throw Fail("a number with no digits after its '.'");
            }
        }

        if (At('e') || At('E'))
        {
            _position++;
            if (At('+') || At('-'))
            {
                _position++;
            }

            if (!Digits())
            {
                throw Fail("a number with no digits in its exponent");
            }
        }

        return start;
    }

    private bool Digits()
    {
        int start = _position;
        while (_position < _text.Length && _text[_position] is >= '0' and <= '9')
        {
            _position++;
        }

        return _position > start;
    }

    private bool At(char c) => _position < _text.Length && _text[_position] == c;

    private char ReadHex4()
    {
        if (_position + 4 > _text.Length ||
            !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int unit))
        {
            throw Fail("an invalid \\u escape");
        }

        _position += 4;
        return (char)unit;
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r')
        {
            _position++;
        }
    }
}

/// <summary>A fault in a safetensors header; caught by <see cref="SafetensorsReader"/>, never seen by Roslyn.</summary>
internal sealed class HeaderJsonException : Exception
{
    public HeaderJsonException(string message)
        : base(message)
    {
    }
}
