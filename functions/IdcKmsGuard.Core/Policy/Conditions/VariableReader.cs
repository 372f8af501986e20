namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>Reads the inside of one "${name}" or "${name, 'default'}", quote-aware so a default may hold '}'.</summary>
internal static class VariableReader
{
    /// <param name="start">Index just after "${".</param>
    /// <param name="end">Index of the closing '}'.</param>
    public static bool TryRead(string value, int start, out int end, out string name, out string? fallback)
    {
        end = -1;
        name = string.Empty;
        fallback = null;

        var i = start;
        while (i < value.Length && value[i] is not ('}' or ',' or '\''))
        {
            i++;
        }

        if (i >= value.Length || value[i] == '\'')
        {
            return false;
        }

        name = value[start..i].Trim();
        if (name.Length == 0)
        {
            return false;
        }

        if (value[i] == '}')
        {
            end = i;
            return true;
        }

        i = SkipSpaces(value, i + 1);
        if (i >= value.Length || value[i] != '\'')
        {
            return false;
        }

        var text = new System.Text.StringBuilder();
        for (i++; i < value.Length; i++)
        {
            if (value[i] != '\'')
            {
                text.Append(value[i]);
            }
            else if (i + 1 < value.Length && value[i + 1] == '\'')
            {
                text.Append('\'');
                i++;
            }
            else
            {
                break;
            }
        }

        i = SkipSpaces(value, i + 1);
        if (i >= value.Length || value[i] != '}')
        {
            return false;
        }

        end = i;
        fallback = text.ToString();
        return true;
    }

    private static int SkipSpaces(string value, int i)
    {
        while (i < value.Length && value[i] == ' ')
        {
            i++;
        }

        return i;
    }
}
